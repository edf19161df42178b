import type { AccountScope } from '../accounts/index.ts';
import type { ChannelEvent, OutboundMessage, Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import type { Locale } from '../i18n/index.ts';

/** What the worker knows of a conversation when it asks for a turn. */
export interface TurnContext {
  readonly id: string;
  readonly locale: Locale;
  readonly state: unknown;
  readonly platform: Platform;
  readonly accountScope: AccountScope;
  readonly userRef: string;
}

export interface TurnOutcome {
  readonly state: unknown;
  readonly locale: Locale;
  readonly replies: readonly OutboundMessage[];
  /** (Re)arms the conversation's inactivity timer, or clears it. */
  readonly timer: { readonly afterMs: number; readonly name: string } | null;
  readonly caseCreated?: { readonly id: string; readonly code: string };
  /** Contact details the turn erased at the citizen's request: their copies waiting in Redis go too. */
  readonly erased?: { readonly names: readonly string[]; readonly phones: readonly string[] };
  /** The draft reads as a denunciation: from now on the channel's commune does not see this conversation. */
  readonly guardsReporter?: true;
}

/**
 * The conversation logic as the worker sees it. It runs inside the worker's transaction, so
 * state, case and replies commit together, and it keeps nothing in memory between turns.
 */
export interface Responder {
  handle(tx: Queryable, ctx: TurnContext, event: ChannelEvent): Promise<TurnOutcome>;
  handleTimer(tx: Queryable, ctx: TurnContext, timerName: string): Promise<TurnOutcome>;
  /**
   * True while a person, not the bot, answers the conversation (staff hand-off): the citizen
   * must not see "typing…" from a bot that will not answer. Absent: the bot always answers.
   */
  withStaff?(state: unknown): boolean;
}
