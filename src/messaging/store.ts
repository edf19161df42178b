import type { AccountScope } from '../accounts/index.ts';
import type { ChannelEvent, OutboundMessage, Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { isLocale, type Locale } from '../i18n/index.ts';

/** Delivery state of a message we send. `uncertain`: a process died mid-send; never resent. */
export type OutboundStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';
export type InboundStatus = 'received' | 'processed';

export interface ConversationRow {
  readonly id: string;
  readonly accountId: string;
  readonly platform: Platform;
  readonly accountExternalId: string;
  readonly accountScope: AccountScope;
  readonly userRef: string;
  readonly locale: Locale;
  readonly state: unknown;
  readonly timerToken: string | null;
}

export interface InboundMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly event: ChannelEvent;
}

export interface OutboundRow {
  readonly id: string;
  readonly conversationId: string;
  readonly status: OutboundStatus;
  readonly message: OutboundMessage;
  readonly attempts: number;
  readonly platform: Platform;
  readonly accountId: string;
  readonly userRef: string;
  /** Extra send options (e.g. a Messenger message tag for a staff reply). */
  readonly sendOptions: Record<string, unknown>;
}

/** What identifies an inbound event (no content, no citizen). */
export type InboundEventId = Pick<ChannelEvent, 'platform' | 'accountRef' | 'eventId'>;

export function inboundDedupeKey(event: InboundEventId): string {
  return `in:${event.platform}:${event.accountRef}:${event.eventId}`;
}

/**
 * Finds or creates the conversation of one citizen on one channel account. Reads first and
 * never updates an existing row: a turn in progress holds that row's lock, and storing the
 * next message must not wait for it.
 */
export async function ensureConversation(db: Queryable, accountId: string, userRef: string): Promise<string> {
  const find = () =>
    db.query<{ id: string }>('SELECT id FROM conversations WHERE channel_account_id = $1 AND user_ref = $2', [
      accountId,
      userRef,
    ]);
  const existing = await find();
  if (existing[0]) return String(existing[0].id);
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO conversations (channel_account_id, user_ref) VALUES ($1, $2)
     ON CONFLICT (channel_account_id, user_ref) DO NOTHING RETURNING id`,
    [accountId, userRef],
  );
  const row = inserted[0] ?? (await find())[0];
  return String(row!.id);
}

/** Stores an inbound event once; a redelivered event returns false and changes nothing. */
export async function storeInbound(db: Queryable, conversationId: string, event: ChannelEvent): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO messages (conversation_id, direction, dedupe_key, platform_message_id, content, status, occurred_at)
     VALUES ($1, 'in', $2, $3, $4, 'received', $5)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [conversationId, inboundDedupeKey(event), event.eventId, JSON.stringify(event), new Date(event.timestamp)],
  );
  return rows.length > 0;
}

/** The conversation an inbound event was stored in; null when it was not stored. */
export async function conversationOfInbound(db: Queryable, event: InboundEventId): Promise<string | null> {
  const rows = await db.query<{ conversation_id: string }>(
    'SELECT conversation_id::text AS conversation_id FROM messages WHERE dedupe_key = $1',
    [inboundDedupeKey(event)],
  );
  return rows[0]?.conversation_id ?? null;
}

/** The oldest inbound message of a conversation not yet handled, locked for this transaction. */
export async function nextUnprocessed(tx: Queryable, conversationId: string): Promise<InboundMessage | null> {
  const rows = await tx.query<{ id: string; content: ChannelEvent }>(
    `SELECT id, content FROM messages
     WHERE conversation_id = $1 AND direction = 'in' AND status = 'received'
     ORDER BY occurred_at, id LIMIT 1 FOR UPDATE`,
    [conversationId],
  );
  const r = rows[0];
  return r ? { id: String(r.id), conversationId, event: r.content } : null;
}

export async function markProcessed(tx: Queryable, messageId: string): Promise<void> {
  await tx.query("UPDATE messages SET status = 'processed' WHERE id = $1", [messageId]);
}

interface ConversationDbRow {
  id: string;
  channel_account_id: string;
  platform: Platform;
  external_id: string;
  scope_kind: AccountScope['kind'];
  scope_code: string;
  user_ref: string;
  locale: string;
  state: unknown;
  timer_token: string | null;
}

export async function loadConversation(
  tx: Queryable,
  conversationId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ConversationRow | null> {
  const rows = await tx.query<ConversationDbRow>(
    `SELECT c.id, c.channel_account_id, a.platform, a.external_id, a.scope_kind, a.scope_code,
            c.user_ref, c.locale, c.state, c.timer_token
     FROM conversations c JOIN channel_accounts a ON a.id = c.channel_account_id
     WHERE c.id = $1 ${opts.forUpdate ? 'FOR NO KEY UPDATE OF c' : ''}`,
    [conversationId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    accountId: String(r.channel_account_id),
    platform: r.platform,
    accountExternalId: r.external_id,
    accountScope: { kind: r.scope_kind, code: r.scope_code },
    userRef: r.user_ref,
    locale: isLocale(r.locale) ? r.locale : 'vi',
    state: r.state,
    timerToken: r.timer_token,
  };
}

export async function saveConversation(
  tx: Queryable,
  conversationId: string,
  update: { state: unknown; locale: Locale; timerToken: string | null; inboundAt?: Date; guardsReporter?: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE conversations
       SET state = $2, locale = $3, timer_token = $4,
           last_inbound_at = COALESCE($5, last_inbound_at), reporter_guard = reporter_guard OR $6, updated_at = now()
     WHERE id = $1`,
    [conversationId, JSON.stringify(update.state ?? {}), update.locale, update.timerToken, update.inboundAt ?? null, update.guardsReporter === true],
  );
}

/** The case notice an outbox message belongs to: a final failure asks staff to call. */
export interface OutboundNotice {
  readonly caseId: string;
  readonly topic: string;
  readonly causeKey: string;
}

/**
 * Writes replies to the outbox in the same transaction as the turn that produced them
 * (keys are derived from what caused them, so a replayed turn cannot add a second copy).
 */
export async function addOutbound(
  tx: Queryable,
  conversationId: string,
  causeKey: string,
  messages: readonly OutboundMessage[],
  sendOptions: Record<string, unknown> = {},
  /** Kept beside the message for whoever handles its fate (e.g. the case a notice is about). */
  extra: { readonly notice?: OutboundNotice } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, message] of messages.entries()) {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status)
       VALUES ($1, 'out', $2, $3, 'pending')
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [conversationId, `out:${causeKey}:${i}`, JSON.stringify({ message, sendOptions, ...extra })],
    );
    if (rows[0]) ids.push(String(rows[0].id));
  }
  return ids;
}

interface OutboundDbRow {
  id: string;
  conversation_id: string;
  status: OutboundStatus;
  content: { message: OutboundMessage; sendOptions?: Record<string, unknown> };
  attempts: number;
  platform: Platform;
  account_id: string;
  user_ref: string;
}

export async function loadOutbound(db: Queryable, messageId: string): Promise<OutboundRow | null> {
  const rows = await db.query<OutboundDbRow>(
    `SELECT m.id, m.conversation_id, m.status, m.content, m.attempts, a.platform, a.id AS account_id, c.user_ref
     FROM messages m
     JOIN conversations c ON c.id = m.conversation_id
     JOIN channel_accounts a ON a.id = c.channel_account_id
     WHERE m.id = $1 AND m.direction = 'out'`,
    [messageId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    conversationId: String(r.conversation_id),
    status: r.status,
    message: r.content.message,
    sendOptions: r.content.sendOptions ?? {},
    attempts: r.attempts,
    platform: r.platform,
    accountId: String(r.account_id),
    userRef: r.user_ref,
  };
}

/** An outbound row that may go now: not deferred, or its deferral (Zalo's night) is over. */
const dueNow = (row = '') => `(${row}not_before IS NULL OR ${row}not_before <= now())`;

/**
 * Claims a message for sending: only a `pending` message can be claimed. A message found
 * `sending` was being sent by a process that died; whether the platform got it is unknown.
 */
export async function claimForSending(
  db: Queryable,
  messageId: string,
): Promise<'claimed' | 'was_sending' | 'final' | { readonly deferredUntil: Date }> {
  const claimed = await db.query(
    `UPDATE messages SET status = 'sending', attempts = attempts + 1
     WHERE id = $1 AND direction = 'out' AND status = 'pending' AND ${dueNow()}
     RETURNING id`,
    [messageId],
  );
  if (claimed.length > 0) return 'claimed';
  const rows = await db.query<{ status: OutboundStatus; not_before: Date | null }>('SELECT status, not_before FROM messages WHERE id = $1', [
    messageId,
  ]);
  const r = rows[0];
  if (r?.status === 'pending' && r.not_before) return { deferredUntil: new Date(r.not_before) };
  return r?.status === 'sending' ? 'was_sending' : 'final';
}

/**
 * Puts a refused send back to wait until `until` (the platform's night is over), unless the
 * message is older than `maxAgeMs`: a notice that cannot go for days is better told by phone.
 * Returns whether it was deferred.
 */
export async function deferSend(db: Queryable, messageId: string, until: Date, error: string, maxAgeMs: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE messages SET status = 'pending', not_before = $2, error = $3, status_changed_at = now()
     WHERE id = $1 AND created_at > now() - ($4::bigint * interval '1 millisecond') RETURNING id`,
    [messageId, until, error, maxAgeMs],
  );
  return rows.length > 0;
}

export async function recordSendResult(
  db: Queryable,
  messageId: string,
  result:
    | { status: 'sent'; platformMessageId: string | null }
    | { status: 'pending' | 'failed' | 'uncertain'; error: string },
): Promise<void> {
  if (result.status === 'sent') {
    await db.query(
      "UPDATE messages SET status = 'sent', platform_message_id = $2, sent_at = now(), status_changed_at = now(), error = NULL WHERE id = $1",
      [messageId, result.platformMessageId],
    );
  } else {
    await db.query('UPDATE messages SET status = $2, error = $3, status_changed_at = now() WHERE id = $1', [
      messageId,
      result.status,
      result.error,
    ]);
  }
}

/** Whether an older reply of the same conversation has not been settled yet (order matters). */
export async function hasEarlierUnsettled(db: Queryable, messageId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM messages earlier
     JOIN messages m ON m.id = $1
     WHERE earlier.conversation_id = m.conversation_id AND earlier.direction = 'out'
       AND earlier.id < m.id AND earlier.status IN ('pending', 'sending')
       -- One waiting for the morning does not hold back the replies written after it.
       AND ${dueNow('earlier.')}
     LIMIT 1`,
    [messageId],
  );
  return rows.length > 0;
}

/** Outbox rows still waiting: re-enqueued after a crash between commit and enqueue. */
export async function pendingOutbound(db: Queryable, opts: { conversationId?: string; olderThanMs?: number } = {}): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM messages
     WHERE direction = 'out' AND status = 'pending' AND ${dueNow()}
       AND ($1::bigint IS NULL OR conversation_id = $1::bigint)
       AND created_at <= now() - ($2::int * interval '1 millisecond')
     ORDER BY id LIMIT 1000`,
    [opts.conversationId ?? null, opts.olderThanMs ?? 0],
  );
  return rows.map((r) => String(r.id));
}

/** Conversations with inbound messages never handled (a crash after storing, before draining). */
export async function conversationsWithUnprocessed(db: Queryable, olderThanMs: number): Promise<string[]> {
  const rows = await db.query<{ conversation_id: string }>(
    `SELECT DISTINCT conversation_id FROM messages
     WHERE direction = 'in' AND status = 'received' AND created_at <= now() - ($1::int * interval '1 millisecond')
     LIMIT 1000`,
    [olderThanMs],
  );
  return rows.map((r) => String(r.conversation_id));
}

