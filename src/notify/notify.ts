import { recordCaseEvent } from '../cases/index.ts';
import type { OutboundMessage, Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import { addOutbound } from '../messaging/index.ts';
import { type Author, type CallReason, decideNotice } from './window.ts';

export interface CaseConversation {
  readonly conversationId: string;
  readonly platform: Platform;
  readonly lastInboundAt: Date | null;
  readonly locale: Locale;
}

/** The conversation a case came from, with what the window rules need. */
export async function caseConversation(tx: Queryable, caseId: string): Promise<CaseConversation | null> {
  const rows = await tx.query<{ conversation_id: string; platform: Platform; last_inbound_at: unknown; locale: string }>(
    `SELECT c.conversation_id::text AS conversation_id, a.platform, v.last_inbound_at, c.locale
     FROM cases c
     JOIN conversations v ON v.id = c.conversation_id
     JOIN channel_accounts a ON a.id = v.channel_account_id
     WHERE c.id = $1`,
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    conversationId: r.conversation_id,
    platform: r.platform,
    lastInboundAt: r.last_inbound_at === null ? null : new Date(r.last_inbound_at as string | Date),
    locale: isLocale(r.locale) ? r.locale : 'vi',
  };
}

export type NoticeOutcome =
  /** In the outbox: enqueue `messageIds` (Queues.enqueueOutbound) once the transaction commits. */
  | { readonly kind: 'queued'; readonly messageIds: readonly string[] }
  /** No platform rule allows a message: a `call_citizen` event tells staff to phone. */
  | { readonly kind: 'call_citizen'; readonly reason: CallReason };

export interface Notice {
  readonly caseId: string;
  /** What the notice is about, for the case history and the staff inbox (e.g. "letter_signed"). */
  readonly topic: string;
  /** Unique per notice: a replayed call adds nothing (outbox dedupe keys derive from it). */
  readonly causeKey: string;
  readonly messages: (locale: Locale) => readonly OutboundMessage[];
  readonly author: Author;
  readonly actor: string;
  readonly now: Date;
}

/**
 * Tells the citizen of a case something later, if the platform window allows it; otherwise
 * records that staff must call. Either way the case history shows which it was.
 */
export async function notifyCitizen(tx: Queryable, n: Notice): Promise<NoticeOutcome> {
  const conv = await caseConversation(tx, n.caseId);
  if (!conv) throw new Error(`no conversation for case ${n.caseId}`);
  // A replayed notice (a retried job, a second click) changes nothing: the first outcome stands.
  const earlier = await tx.query<{ kind: string; reason: CallReason | null }>(
    `SELECT kind, details->>'reason' AS reason FROM case_events
     WHERE case_id = $1 AND kind IN ('citizen_notified', 'call_citizen') AND details->>'causeKey' = $2`,
    [n.caseId, n.causeKey],
  );
  if (earlier[0]) {
    return earlier[0].kind === 'call_citizen'
      ? { kind: 'call_citizen', reason: earlier[0].reason! }
      : { kind: 'queued', messageIds: [] };
  }
  const decision = decideNotice({ platform: conv.platform, lastInboundAt: conv.lastInboundAt, now: n.now, author: n.author });
  if (decision.kind === 'call_citizen') {
    await recordCaseEvent(tx, n.caseId, 'call_citizen', n.actor, n.now, {
      topic: n.topic,
      causeKey: n.causeKey,
      reason: decision.reason,
      platform: conv.platform,
      lastInboundAt: conv.lastInboundAt?.toISOString() ?? null,
    });
    return { kind: 'call_citizen', reason: decision.reason };
  }
  const messageIds = await addOutbound(tx, conv.conversationId, n.causeKey, n.messages(conv.locale), {
    ...decision.sendOptions,
    locale: conv.locale,
  });
  await recordCaseEvent(tx, n.caseId, 'citizen_notified', n.actor, n.now, {
    topic: n.topic,
    causeKey: n.causeKey,
    platform: conv.platform,
    messageIds,
    ...(decision.sendOptions.messaging ? { messaging: decision.sendOptions.messaging } : {}),
  });
  return { kind: 'queued', messageIds };
}
