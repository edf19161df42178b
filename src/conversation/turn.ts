import { handlingUnitName } from '../cases/index.ts';
import { type OutboundMessage, type Platform, validateOutbound } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { type Locale, t } from '../i18n/index.ts';
import type { Flow, FlowStep } from './flow-schema.ts';
import type { State } from './state.ts';

export interface ConversationContext {
  readonly id: string;
  readonly locale: Locale;
  readonly state: unknown;
  readonly platform: Platform;
  readonly accountScope: { kind: 'commune' | 'province'; code: string };
  readonly userRef: string;
}

export interface ErasedContact {
  readonly names: readonly string[];
  readonly phones: readonly string[];
}

export interface PlaceCandidateLike {
  readonly commune: { code: string; name: string; provinceCode: string; provinceName: string };
  readonly score: number;
}

/**
 * The part of the directory's answer the engine reads; src/directory's PlaceMatch fits it as
 * it is, so the worker can pass that module's `matchPlace` straight in.
 * - unique: one commune; ambiguous: choose among several;
 * - merged: the citizen used a pre-merger name (`oldName`), candidates are its successors;
 * - abolished: a district or other unit that no longer exists; candidates are hints (may be none);
 * - province_only: only a province was recognised;
 * - none: nothing recognised.
 */
export type PlaceMatchLike =
  | { readonly kind: 'unique' | 'ambiguous'; readonly oldName?: string; readonly candidates: readonly PlaceCandidateLike[] }
  | { readonly kind: 'merged' | 'abolished'; readonly oldName: string; readonly candidates: readonly PlaceCandidateLike[] }
  | { readonly kind: 'province_only'; readonly province: { readonly name: string } }
  | { readonly kind: 'none' };

export interface ClassificationLike {
  label: string;
  labels: string[];
  confidence: number;
  targetsLeader: boolean;
  needsReview: boolean;
  /** The field (lĩnh vực). */
  topic?: string;
}

export interface EngineDeps {
  flows: import('./flow-schema.ts').Flows;
  directory: {
    matchPlace(text: string, opts?: { preferCommune?: string; preferProvince?: string }): PlaceMatchLike;
  };
  /** null until the classifier lands: the case is then stored with label "unknown". */
  classify(text: string): ClassificationLike | null;
  dueDate(caseType: string, receivedAt: Date): { due: string };
  now(): Date;
}

export interface TurnResult {
  readonly state: unknown;
  readonly locale: Locale;
  readonly replies: OutboundMessage[];
  /** (Re)arm the conversation's single inactivity timer, or null to clear it. */
  readonly timer: { readonly afterMs: number; readonly name: string } | null;
  readonly caseCreated?: { id: string; code: string };
  /** The contact details this turn erased at the citizen's request (in memory only: the worker erases their waiting copies too). */
  readonly erased?: ErasedContact;
  /** The citizen asked for a person: the bot stays quiet until staff reply or the release timer fires. */
  readonly handoff?: true;
  /** The draft reads as a denunciation: the channel's commune must not see the conversation. */
  readonly guardsReporter?: true;
}

/** One turn in progress: what it read, what it will say, what it changed. */
export interface Turn {
  readonly deps: EngineDeps;
  readonly tx: Queryable;
  readonly ctx: ConversationContext;
  /** The flow being run; a turn may move on to another (a rant becoming a report). */
  flow: Flow;
  readonly now: Date;
  state: State;
  locale: Locale;
  readonly replies: OutboundMessage[];
  caseCreated?: { id: string; code: string };
  erased?: ErasedContact;
  handoff?: true;
  /**
   * The unit the citizen is told of, read once per turn: the channel's owner
   * (channel_accounts.name), or, once a case protects this reporter, that case's handling unit.
   */
  readonly unitName: string | null;
  /** The channel's owner (channel_accounts.name): where a report is proposed to have happened. */
  readonly channelUnitName?: string | null;
}

export function unit(turn: Turn): string {
  return turn.unitName ?? t(turn.locale, 'common.unit_fallback');
}

/** The unit owning the OA or Page, whoever handles the citizen's cases: a place, not an addressee. */
export function channelUnit(turn: Turn): string {
  return turn.channelUnitName ?? turn.unitName ?? t(turn.locale, 'common.unit_fallback');
}

/**
 * `{tap}` is how a citizen answers a list on this platform: Messenger shows buttons to tap,
 * Zalo a numbered list to answer by writing ("nhắn số").
 */
export function tr(turn: Turn, key: string, vars: Record<string, string | number> = {}): string {
  const tap = t(turn.locale, turn.ctx.platform === 'messenger' ? 'conversation.tap.button' : 'conversation.tap.write');
  return t(turn.locale, `conversation.${key}`, { unit: unit(turn), tap, ...vars });
}

export function say(turn: Turn, text: string): void {
  turn.replies.push(validateOutbound({ type: 'text', payload: { text } }));
}

export function sayKey(turn: Turn, key: string, vars: Record<string, string | number> = {}): void {
  say(turn, tr(turn, key, vars));
}

export interface ShownOption {
  readonly value: string;
  readonly label: string;
  readonly accept?: readonly string[];
}

export function ask(turn: Turn, text: string, options: readonly ShownOption[]): void {
  turn.replies.push(
    validateOutbound({
      type: 'choice',
      payload: { text, options: options.map((o) => ({ label: o.label, value: o.value })) },
    }),
  );
}

/** A choice as a channel without buttons shows it: the exact words a consent record keeps. */
export function asNumberedText(text: string, options: readonly ShownOption[]): string {
  return [text, ...options.map((o, i) => `${i + 1}. ${o.label}`)].join('\n');
}

export function currentStep(turn: Turn): [string, FlowStep] | null {
  const id = turn.state.step;
  if (turn.state.mode !== 'flow' || id === null) return null;
  const step = turn.flow.steps[id];
  return step ? [id, step] : null;
}

export async function readUnitNames(tx: Queryable, conversationId: string): Promise<{ told: string | null; channel: string | null }> {
  // A reporter protected from the channel's own unit (a denunciation of its leaders) is never
  // told that unit is listening: "gặp cán bộ" goes to the protected case's handling unit.
  const rows = await tx.query<{ name: string | null; kind: 'commune' | 'province' | null; code: string | null }>(
    `SELECT a.name, p.routed_to_kind AS kind, p.routed_to_code AS code
     FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id
     LEFT JOIN LATERAL (SELECT routed_to_kind, routed_to_code FROM cases
       WHERE conversation_id = v.id AND identity_protected ORDER BY id DESC LIMIT 1) p ON true
     WHERE v.id = $1`,
    [conversationId],
  );
  const r = rows[0];
  const channel = r?.name ?? null;
  if (r?.kind && r.code) return { told: handlingUnitName({ kind: r.kind, code: r.code }) ?? channel, channel };
  return { told: channel, channel };
}
