import { recordCaseEvent } from '../cases/index.ts';
import { type OutboundMessage, type PhoneNotice, type Platform, validateOutbound } from '../channels/index.ts';
import type { Queryable } from '../db/index.ts';
import { hasKey, isLocale, type Locale, t } from '../i18n/index.ts';
import { addOutbound, type OutboundNotice } from '../messaging/index.ts';
import { holdNotice } from './held.ts';
import { type Author, type CallReason, decideNotice } from './window.ts';

export interface NoticeOptions {
  /**
   * Whether an approved, budgeted Zalo template lets us tell a citizen by phone
   * (ZALO_ZNS_TEMPLATE_ID is set). Off, a citizen past every window is only called by staff.
   */
  readonly phoneNotices?: boolean | undefined;
}

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
export async function notifyCitizen(
  tx: Queryable,
  n: Notice,
  opts: NoticeOptions = {},
): Promise<NoticeOutcome> {
  const conv = await caseConversation(tx, n.caseId);
  if (!conv) throw new Error(`no conversation for case ${n.caseId}`);
  // A replayed notice (a retried job, a second click) changes nothing: the first outcome stands
  // (later events of the same notice, its release or a failed delivery, do not count).
  const earlier = await tx.query<{ kind: string; reason: CallReason | null }>(
    `SELECT kind, details->>'reason' AS reason FROM case_events
     WHERE case_id = $1 AND kind IN ('citizen_notified', 'call_citizen') AND details->>'causeKey' = $2
     ORDER BY id LIMIT 1`,
    [n.caseId, n.causeKey],
  );
  if (earlier[0]) {
    return earlier[0].kind === 'call_citizen'
      ? { kind: 'call_citizen', reason: earlier[0].reason! }
      : { kind: 'queued', messageIds: [] };
  }
  const decision = decideNotice({ platform: conv.platform, lastInboundAt: conv.lastInboundAt, now: n.now, author: n.author });
  const notice: OutboundNotice = { caseId: n.caseId, topic: n.topic, causeKey: n.causeKey };
  if (decision.kind === 'call_citizen') {
    // Kept for when the citizen next writes, whatever else happens now: a phone template
    // carries no content, and staff may not reach the citizen by phone.
    await holdNotice(tx, {
      conversationId: conv.conversationId,
      caseId: n.caseId,
      causeKey: n.causeKey,
      topic: n.topic,
      messages: n.messages(conv.locale),
      locale: conv.locale,
      now: n.now,
    });
    const phone =
      conv.platform === 'zalo' && opts.phoneNotices === true ? await consentedPhone(tx, n.caseId, n.topic) : null;
    if (phone) {
      // Shown in the conversation as what went out; the template itself is in Vietnamese.
      const shown = validateOutbound({ type: 'text', payload: { text: t('vi', 'notify.by_phone', { code: phone.caseCode, status: phone.status }) } });
      const messageIds = await addOutbound(tx, conv.conversationId, `phone:${n.causeKey}`, [shown], { locale: 'vi', phoneNotice: phone }, { notice });
      await recordCaseEvent(tx, n.caseId, 'citizen_notified', n.actor, n.now, {
        topic: n.topic,
        causeKey: n.causeKey,
        platform: conv.platform,
        messageIds,
        via: 'phone',
        held: true,
      });
      return { kind: 'queued', messageIds };
    }
    await recordCaseEvent(tx, n.caseId, 'call_citizen', n.actor, n.now, {
      topic: n.topic,
      causeKey: n.causeKey,
      reason: decision.reason,
      platform: conv.platform,
      lastInboundAt: conv.lastInboundAt?.toISOString() ?? null,
      held: true,
    });
    return { kind: 'call_citizen', reason: decision.reason };
  }
  const messageIds = await addOutbound(
    tx,
    conv.conversationId,
    n.causeKey,
    n.messages(conv.locale),
    { ...decision.sendOptions, locale: conv.locale },
    { notice },
  );
  await recordCaseEvent(tx, n.caseId, 'citizen_notified', n.actor, n.now, {
    topic: n.topic,
    causeKey: n.causeKey,
    platform: conv.platform,
    messageIds,
    ...(decision.sendOptions.messaging ? { messaging: decision.sendOptions.messaging } : {}),
  });
  return { kind: 'queued', messageIds };
}

/**
 * The phone a citizen consented to give for this case, with what a template may say: the
 * case code and where it stands, never the complaint.
 */
async function consentedPhone(tx: Queryable, caseId: string, topic: string): Promise<PhoneNotice | null> {
  const rows = await tx.query<{ code: string; phone: string }>(
    `SELECT k.code, k.reporter_phone AS phone FROM cases k
     JOIN consents c ON c.id = k.consent_id
     WHERE k.id = $1 AND NOT k.anonymous AND c.granted AND k.reporter_phone IS NOT NULL`,
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  const key = hasKey('vi', `notify.phone_status.${topic}`) ? `notify.phone_status.${topic}` : 'notify.phone_status.other';
  return { phone: r.phone, caseCode: r.code, status: t('vi', key) };
}

/**
 * A notice's message failed for good (the citizen refused ZNS, blocked the OA, the window
 * closed after all…): the case history tells staff to call, once per notice. Runs in the
 * caller's transaction, with the failure it follows, so a crash between the two cannot lose
 * the call; the case row is locked so two messages of one notice failing together ask once.
 */
export async function noticeNotDelivered(tx: Queryable, messageId: string, error: string, now: Date = new Date()): Promise<boolean> {
  const rows = await tx.query<{ notice: OutboundNotice | null; platform: Platform }>(
    `SELECT m.content->'notice' AS notice, a.platform FROM messages m
     JOIN conversations v ON v.id = m.conversation_id
     JOIN channel_accounts a ON a.id = v.channel_account_id
     WHERE m.id = $1 AND m.direction = 'out'`,
    [messageId],
  );
  const notice = rows[0]?.notice;
  if (!notice) return false;
  await tx.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [notice.caseId]);
  const already = await tx.query(
    `SELECT 1 FROM case_events WHERE case_id = $1 AND kind = 'call_citizen'
       AND details->>'causeKey' = $2 AND details->>'reason' = 'not_delivered'`,
    [notice.caseId, notice.causeKey],
  );
  if (already.length > 0) return false;
  await recordCaseEvent(tx, notice.caseId, 'call_citizen', 'system', now, {
    topic: notice.topic,
    causeKey: notice.causeKey,
    reason: 'not_delivered',
    platform: rows[0]!.platform,
    messageId,
    error,
  });
  return true;
}
