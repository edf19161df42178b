import { z } from 'zod';

/**
 * What the engine remembers between turns, stored in conversations.state. Processes restart
 * between any two turns, so everything a later turn needs is here and nowhere else.
 */

const attachment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), url: z.string(), caption: z.string().optional() }),
  z.object({ kind: z.literal('file'), url: z.string(), name: z.string().optional() }),
  z.object({
    kind: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    address: z.string().optional(),
  }),
]);
export type DraftAttachment = z.infer<typeof attachment>;

const commune = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
});
export type CommuneRef = z.infer<typeof commune>;

const place = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('commune'), commune, text: z.string() }),
  /** The citizen's words when no official unit matched: staff decide. */
  z.object({ kind: z.literal('unmatched'), text: z.string() }),
  /** "Here": the commune that owns the channel, whose details the directory may not give. */
  z.object({ kind: z.literal('account'), code: z.string(), name: z.string(), provinceCode: z.string().nullable() }),
]);
export type DraftPlace = z.infer<typeof place>;

const draft = z.object({
  description: z.string().optional(),
  occurred_text: z.string().optional(),
  official_text: z.string().optional(),
  reporter_name: z.string().optional(),
  reporter_phone: z.string().optional(),
  place: place.optional(),
  /** The province the citizen named (or chose a commune in): later place answers look there first. */
  province: z.object({ code: z.string(), name: z.string() }).optional(),
  attachments: z.array(attachment).default([]),
  consent: z.object({ granted: z.boolean(), consentId: z.string() }).optional(),
  /** Fields the citizen chose to skip, so they are not asked again. */
  skipped: z.array(z.string()).default([]),
});
export type Draft = z.infer<typeof draft>;

/** A question the engine asked whose answer it must interpret with what it showed. */
const pending = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('place_propose'), unit: z.string() }),
  z.object({ kind: z.literal('place_candidates'), candidates: z.array(commune), text: z.string() }),
  z.object({ kind: z.literal('place_retry'), failures: z.number().int() }),
  /** The exact words shown, so the consent record holds what the citizen actually read. */
  z.object({ kind: z.literal('consent'), wording: z.string() }),
  z.object({ kind: z.literal('resume'), text: z.string().nullable() }),
  /** "Erase my data?" waits for yes or no. */
  z.object({ kind: z.literal('erase') }),
]);
export type Pending = z.infer<typeof pending>;

export const TIMER_NAMES = ['nudge', 'close', 'release'] as const;
export type TimerName = (typeof TIMER_NAMES)[number];

export const stateSchema = z.object({
  v: z.literal(1),
  mode: z.enum(['idle', 'flow', 'handoff']),
  flow: z.string().nullable(),
  step: z.string().nullable(),
  /** Step to go back to after a lookup interrupted the flow. */
  returnTo: z.string().nullable().default(null),
  draft,
  pending: pending.nullable(),
  lastCase: z.object({ id: z.string(), code: z.string(), at: z.number() }).nullable(),
  savedDraft: z.object({ flow: z.string(), step: z.string(), draft, closedAt: z.number() }).nullable(),
  timer: z.object({ name: z.enum(TIMER_NAMES), dueAt: z.number() }).nullable(),
});
export type State = z.infer<typeof stateSchema>;

export function emptyDraft(): Draft {
  return { attachments: [], skipped: [] };
}

export function initialState(): State {
  return {
    v: 1,
    mode: 'idle',
    flow: null,
    step: null,
    returnTo: null,
    draft: emptyDraft(),
    pending: null,
    lastCase: null,
    savedDraft: null,
    timer: null,
  };
}

/** `{}` (a new conversation) and anything unreadable start afresh rather than failing the turn. */
export function parseState(raw: unknown): State {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : initialState();
}

export function hasContent(d: Draft): boolean {
  return (d.description ?? '') !== '' || d.attachments.length > 0;
}
