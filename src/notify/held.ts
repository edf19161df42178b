import { recordCaseEvent } from '../cases/index.ts';
import type { OutboundMessage, Platform } from '../channels/index.ts';
import type { Queryable } from '../db/index.ts';
import type { Locale } from '../i18n/index.ts';
import { addOutbound } from '../messaging/index.ts';

/**
 * Notices no platform window allowed wait here until the citizen writes again
 * (CHANNELS.md Part C: "queue the notice and deliver it when the citizen next writes").
 */

export interface HeldNotice {
  readonly conversationId: string;
  readonly caseId: string;
  readonly causeKey: string;
  readonly topic: string;
  readonly messages: readonly OutboundMessage[];
  readonly locale: Locale;
  readonly now: Date;
}

/** Keeps a notice for later; a replayed notice (same cause key) is kept once. */
export async function holdNotice(tx: Queryable, h: HeldNotice): Promise<void> {
  await tx.query(
    `INSERT INTO held_notices (conversation_id, case_id, cause_key, topic, messages, locale, held_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (cause_key) DO NOTHING`,
    [h.conversationId, h.caseId, h.causeKey, h.topic, JSON.stringify(h.messages), h.locale, h.now],
  );
}

export interface WaitingNotice {
  readonly id: string;
  readonly caseId: string;
  readonly topic: string;
  readonly causeKey: string;
  readonly heldAt: Date;
}

/** Notices of a case not delivered yet, oldest first (for the staff inbox). */
export async function waitingNotices(db: Queryable, caseId: string): Promise<WaitingNotice[]> {
  const rows = await db.query<{ id: string; case_id: string; topic: string; cause_key: string; held_at: unknown }>(
    `SELECT id::text AS id, case_id::text AS case_id, topic, cause_key, held_at FROM held_notices
     WHERE case_id = $1 AND released_at IS NULL ORDER BY id`,
    [caseId],
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    topic: r.topic,
    causeKey: r.cause_key,
    heldAt: new Date(r.held_at as string | Date),
  }));
}

/**
 * Moves every notice held for a conversation to its outbox, oldest first, inside the
 * transaction of the turn that handles the citizen's new message (`inboundMessageId`): they
 * commit, or roll back, together with that turn, so a message handled once releases once.
 * Called before the turn writes its replies, so the notices' outbox ids come first and the
 * outbound worker's ordering sends them before the bot's answer. Returns the outbox ids to
 * enqueue after commit.
 */
export async function releaseHeldNotices(
  tx: Queryable,
  conversationId: string,
  inboundMessageId: string,
  now: Date,
): Promise<string[]> {
  const held = await tx.query<{
    id: string;
    case_id: string;
    cause_key: string;
    topic: string;
    messages: OutboundMessage[];
    locale: string;
    held_at: unknown;
    platform: Platform;
  }>(
    `SELECT h.id::text AS id, h.case_id::text AS case_id, h.cause_key, h.topic, h.messages, h.locale, h.held_at, a.platform
     FROM held_notices h
     JOIN conversations v ON v.id = h.conversation_id
     JOIN channel_accounts a ON a.id = v.channel_account_id
     WHERE h.conversation_id = $1 AND h.released_at IS NULL
     ORDER BY h.id
     FOR UPDATE OF h`,
    [conversationId],
  );
  const all: string[] = [];
  for (const h of held) {
    // The citizen just wrote, so every platform allows a plain reply; on Messenger that is a
    // RESPONSE (no tag), whatever the notice would have needed when it was held.
    const sendOptions = { locale: h.locale, ...(h.platform === 'messenger' ? { messaging: { kind: 'RESPONSE' } } : {}) };
    const messageIds = await addOutbound(tx, conversationId, `held:${h.cause_key}`, h.messages, sendOptions, {
      notice: { caseId: h.case_id, topic: h.topic, causeKey: h.cause_key },
    });
    await tx.query('UPDATE held_notices SET released_at = $2, released_by = $3 WHERE id = $1', [h.id, now, inboundMessageId]);
    await recordCaseEvent(tx, h.case_id, 'citizen_notified', 'system', now, {
      topic: h.topic,
      causeKey: h.cause_key,
      platform: h.platform,
      messageIds,
      released: true,
      heldAt: new Date(h.held_at as string | Date).toISOString(),
    });
    all.push(...messageIds);
  }
  return all;
}
