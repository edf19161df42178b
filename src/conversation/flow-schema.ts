import { z } from 'zod';
import type { Lexicon } from './lexicon.ts';

/**
 * The shape of flows/*.yaml. Wording is never here: `ask`, `label` and the like name keys of
 * locales/<lang>/conversation.json (written without the "conversation." prefix).
 */

const key = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be a locale key such as "intent.ask"');
const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'step ids are lower_snake_case');
const phrase = z.string().min(1);

const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** "30m", "4h", "7d": written for people, read as milliseconds. */
const duration = z
  .string()
  .regex(DURATION, 'must be a duration such as "30m", "4h" or "7d"')
  .transform((s) => {
    const [, n, unit] = DURATION.exec(s)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });

/** What a step may store: the fields of a case draft. */
export const DRAFT_FIELDS = ['description', 'occurred_text', 'official_text', 'reporter_name', 'reporter_phone'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** Conditions a transition may test; each is computed from the draft, never from free code. */
export const CONDITIONS = ['consent_granted', 'consent_declined', 'sensitive', 'has_commune', 'has_attachments'] as const;
export type Condition = (typeof CONDITIONS)[number];

const transition = z.union([
  stepId,
  z
    .array(z.object({ if: z.enum(CONDITIONS).optional(), goto: stepId }).strict())
    .min(1)
    .refine((list) => list[list.length - 1]!.if === undefined, 'the last entry must have no "if" (the default)'),
]);
export type Transition = z.infer<typeof transition>;

const option = z
  .object({
    value: z.string().regex(/^[a-z][a-z0-9_]*$/, 'option values are lower_snake_case'),
    label: key,
    /** Other ways a citizen may type this answer (compared without diacritics). */
    accept: z.array(phrase).default([]),
    next: transition.optional(),
  })
  .strict();
export type FlowOption = z.infer<typeof option>;

/**
 * Where a free-text first message goes when it already says what the citizen wants: a step of
 * this flow (`next`) or the start of another flow (`flow`), keeping the message in `store`.
 */
const shortcut = z
  .object({ store: z.enum(DRAFT_FIELDS).optional(), next: stepId.optional(), flow: stepId.optional() })
  .strict()
  .refine((s) => (s.next === undefined) !== (s.flow === undefined), 'give exactly one of "next" and "flow"');
export type Shortcut = z.infer<typeof shortcut>;

/** What a first message may be about (src/conversation/intents.ts decides). */
export const INTENTS = ['problem', 'report', 'question', 'compliment', 'denunciation', 'rant'] as const;
export type Intent = (typeof INTENTS)[number];

const base = {
  /** Overrides the flow's nudge delay while this step waits. */
  nudge_after: duration.optional(),
};

const menuStep = z
  .object({
    type: z.literal('menu'),
    ask: key,
    options: z.array(option.required({ next: true })).min(2).max(10),
    on_intent: z.partialRecord(z.enum(INTENTS), shortcut).default({}),
    ...base,
  })
  .strict();

const textStep = z
  .object({
    type: z.literal('text'),
    ask: key,
    store: z.enum(DRAFT_FIELDS),
    validate: z.enum(['phone']).optional(),
    invalid: key.optional(),
    /** Offers a "skip" quick reply labelled with this key. */
    skip_label: key.optional(),
    next: transition,
    ...base,
  })
  .strict()
  .refine((s) => s.validate === undefined || s.invalid !== undefined, {
    message: 'a step with "validate" needs an "invalid" message key',
    path: ['invalid'],
  });

/** Name and phone in one answer ("Lan 0912 345 678"); what is missing is asked once more. */
const contactStep = z
  .object({ type: z.literal('contact'), ask: key, ask_name: key, ask_phone: key, invalid: key, next: transition, ...base })
  .strict();

/** A procedure question answered from flows/lexicon/faq.yaml; `next` when no entry fits. */
const faqStep = z.object({ type: z.literal('faq'), ask: key, next: transition, ...base }).strict();

/** Continues in another flow at one of its steps, with the draft so far (a rant becomes a report). */
const switchStep = z.object({ type: z.literal('switch'), flow: stepId, step: stepId }).strict();

const placeStep = z
  .object({ type: z.literal('place'), ask: key, next: transition, ...base })
  .strict();

const valuesAre = (values: readonly string[]) => (opts: { value: string }[]) =>
  opts.length === values.length && values.every((v) => opts.some((o) => o.value === v));

const consentStep = z
  .object({
    type: z.literal('consent'),
    ask: key,
    purpose: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** Said as part of the request when the report looks like corruption (identity protection). */
    protected_note: key,
    options: z.array(option).refine(valuesAre(['agree', 'anonymous']), 'options must be exactly "agree" and "anonymous"'),
    next: transition,
    ...base,
  })
  .strict();

const confirmStep = z
  .object({
    type: z.literal('confirm'),
    ask: key,
    options: z.array(option).refine(valuesAre(['send', 'cancel']), 'options must be exactly "send" and "cancel"'),
    next: transition,
    ...base,
  })
  .strict();

const submitStep = z
  .object({
    type: z.literal('submit'),
    case_kind: z.enum(['feedback', 'question', 'compliment', 'denunciation']),
    /** Said after the thanks: what the law asks for a formal complaint or denunciation. */
    notice: key.optional(),
    /** The time-limit type passed to the due-date rule (src/deadlines' CaseType); defaults to case_kind. */
    deadline_type: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    thanks: key,
  })
  .strict();

const lookupStep = z.object({ type: z.literal('lookup'), ask: key, ...base }).strict();
const handoffStep = z.object({ type: z.literal('handoff'), say: key }).strict();

const step = z.discriminatedUnion('type', [
  menuStep,
  textStep,
  placeStep,
  consentStep,
  confirmStep,
  submitStep,
  lookupStep,
  handoffStep,
  contactStep,
  faqStep,
  switchStep,
]);
export type FlowStep = z.infer<typeof step>;
export type StepOf<T extends FlowStep['type']> = Extract<FlowStep, { type: T }>;

export const flowFileSchema = z
  .object({
    flow: stepId,
    /** The flow a new conversation starts in; exactly one flow file says true. */
    entry: z.boolean().default(false),
    start: stepId,
    timeouts: z
      .object({
        nudge_after: duration,
        close_after: duration,
        handoff_release_after: duration,
        /** How long after a case later messages are added to it rather than starting anew. */
        follow_up_window: duration,
      })
      .strict()
      .optional(),
    commands: z
      .object({
        cancel: z.array(phrase).min(1),
        handoff: z.array(phrase).min(1),
        lookup: z.array(phrase).min(1),
        new_feedback: z.array(phrase).min(1),
        /** The citizen asks what is kept about them, or to erase it (DOMAIN.md §6). */
        my_data: z.array(phrase).default([]),
        erase_my_data: z.array(phrase).default([]),
      })
      .strict()
      .optional(),
    detect: z
      .object({
        greetings: z.array(phrase),
        question_markers: z.array(phrase),
        problem_min_words: z.number().int().min(1),
        sensitive_keywords: z.array(phrase),
      })
      .strict()
      .optional(),
    steps: z.record(stepId, step),
  })
  .strict();

export type FlowFile = z.output<typeof flowFileSchema>;

/** Settings only the entry flow must give; the other flows use the entry flow's. */
type Shared = 'timeouts' | 'commands' | 'detect';

export interface Flow extends Omit<FlowFile, Shared>, Required<Pick<FlowFile, Shared>> {
  /** The file it came from, for messages about it. */
  readonly file: string;
}

export interface Flows {
  readonly entry: Flow;
  readonly byId: ReadonlyMap<string, Flow>;
  /** The words beside the flows: dialogue acts, intents, the FAQ. */
  readonly lexicon: Lexicon;
}
