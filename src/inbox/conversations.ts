import { randomUUID } from 'node:crypto';
import { recordAudit } from '../cases/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Database, Queryable } from '../db/index.ts';
import { isLocale } from '../i18n/index.ts';
import { addOutbound } from '../messaging/index.ts';
import { decideNotice } from '../notify/index.ts';
import type { Queues } from '../queue/index.ts';
import type { User } from '../users/index.ts';
import { actorOf } from './actions.ts';
import { type ReplyWindow, replyWindow } from './case-view.ts';
import { InboxError } from './errors.ts';
import type { ConversationChange } from './events.ts';
import { canActOnConversation, type ConversationScopeFacts } from './policy.ts';
import { type ConversationLine, conversationLines, conversationScope, conversationScopes } from './queries.ts';

/**
 * Live handoff: a citizen typed "gặp cán bộ" and the bot went quiet. Who sees the request and
 * chats from here is the access policy's `canActOnConversation`: the handling units of the
 * conversation's cases (only those of protected ones, once a case protects the reporter), or
 * the channel's unit while there is no case. Same window rules as a case.
 */

export interface WaitingConversation {
  readonly id: string;
  readonly platform: Platform;
  readonly lastInboundAt: Date | null;
  readonly lastText: string | null;
  /** The open case of this citizen (one the viewer's unit handles first), when there is one: chat from the case page then. */
  readonly openCaseId: string | null;
}

interface ConversationRow {
  id: string;
  platform: Platform;
  last_inbound_at: unknown;
  locale: string;
  mode: string | null;
  scope: ConversationScopeFacts;
}

export async function listWaiting(db: Queryable, user: User): Promise<WaitingConversation[]> {
  // The SQL only narrows to candidates (the user's unit owns the channel or handles a case of
  // the conversation); the policy decides.
  const rows = await db.query<Record<string, unknown>>(
    `SELECT v.id::text AS id, a.platform, v.last_inbound_at,
       (SELECT m.content->'content'->>'text' FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'in'
        ORDER BY m.id DESC LIMIT 1) AS last_text,
       (SELECT c.id::text FROM cases c WHERE c.conversation_id = v.id AND c.status IN ('new', 'in_progress', 'reopened')
        ORDER BY (c.routed_to_kind = $1 AND c.routed_to_code = $2) DESC, c.id DESC LIMIT 1) AS open_case_id
     FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id
     WHERE v.state->>'mode' = 'handoff'
       AND ((a.scope_kind = $1 AND a.scope_code = $2)
         OR EXISTS (SELECT 1 FROM cases c WHERE c.conversation_id = v.id AND c.routed_to_kind = $1 AND c.routed_to_code = $2))
     ORDER BY v.last_inbound_at DESC NULLS LAST LIMIT 200`,
    [user.scope.kind, user.scope.code],
  );
  const scopes = await conversationScopes(db, rows.map((r) => r.id as string));
  const allowed = rows.filter((r) => {
    const f = scopes.get(r.id as string);
    return f !== undefined && canActOnConversation(user, f);
  });
  return allowed.slice(0, 100).map((r) => ({
    id: r.id as string,
    platform: r.platform as Platform,
    lastInboundAt: r.last_inbound_at === null ? null : new Date(r.last_inbound_at as string),
    lastText: (r.last_text as string | null) ?? null,
    openCaseId: (r.open_case_id as string | null) ?? null,
  }));
}

/**
 * The conversation if the policy lets this user act on it. Anyone else learns nothing, not
 * even that it exists: the accused unit of a protected report must not learn of the chat.
 */
async function conversationToActOn(db: Queryable, user: User, id: string): Promise<ConversationRow> {
  const scope = /^\d{1,18}$/.test(id) ? await conversationScope(db, id) : null;
  if (!scope || !canActOnConversation(user, scope)) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
  const rows = await db.query<Omit<ConversationRow, 'scope'>>(
    `SELECT v.id::text AS id, a.platform, v.last_inbound_at, v.locale, v.state->>'mode' AS mode
     FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id WHERE v.id = $1`,
    [id],
  );
  return { ...rows[0]!, scope };
}

export interface ConversationView {
  readonly id: string;
  readonly platform: Platform;
  readonly handoff: boolean;
  readonly window: ReplyWindow;
  readonly lines: readonly ConversationLine[];
  readonly openCaseId: string | null;
}

export async function loadConversationView(
  db: Queryable,
  user: User,
  id: string,
  via: { channel: 'page' | 'api'; ip: string | undefined },
): Promise<ConversationView> {
  const r = await conversationToActOn(db, user, id);
  const lines = await conversationLines(db, r.id);
  const open = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM cases WHERE conversation_id = $1 AND status IN ('new', 'in_progress', 'reopened')
     ORDER BY id DESC LIMIT 1`,
    [r.id],
  );
  await recordAudit(db, {
    actor: actorOf(user),
    action: 'personal_data.viewed',
    entity: 'conversation',
    entityId: r.id,
    details: { fields: ['conversation'], via: via.channel, ip: via.ip ?? null },
    at: new Date(),
  });
  const last = r.last_inbound_at === null ? null : new Date(r.last_inbound_at as string);
  return {
    id: r.id,
    platform: r.platform,
    handoff: r.mode === 'handoff',
    window: replyWindow(r.platform, last, new Date(), null),
    lines,
    openCaseId: open[0]?.id ?? null,
  };
}

export interface ChatDeps {
  readonly db: Database;
  readonly queues: Queues;
  readonly publishConversation: (change: ConversationChange) => Promise<void>;
}

/** A staff line in a handoff chat; refused, with the reason, when no platform window is open. */
export async function chatInConversation(d: ChatDeps, user: User, id: string, text: string): Promise<{ messageIds: string[]; tagged: boolean }> {
  const body = text.normalize('NFC').trim();
  if (!body || body.length > 4000) throw new InboxError('CB_ERR_INVALID_INPUT', 'reply text must be 1–4000 characters');
  const r = await conversationToActOn(d.db, user, id);
  const now = new Date();
  const last = r.last_inbound_at === null ? null : new Date(r.last_inbound_at as string);
  const decision = decideNotice({ platform: r.platform, lastInboundAt: last, now, author: 'staff' });
  if (decision.kind === 'call_citizen') {
    throw new InboxError('CB_ERR_OUTSIDE_WINDOW', 'no platform window is open for this citizen', { reason: decision.reason });
  }
  const locale = isLocale(r.locale) ? r.locale : 'vi';
  const messageIds = await d.db.transaction(async (tx) => {
    const ids = await addOutbound(tx, r.id, `staff:${randomUUID()}`, [{ type: 'text', payload: { text: body } }], {
      ...decision.sendOptions,
      locale,
    });
    await recordAudit(tx, {
      actor: actorOf(user),
      action: 'conversation.staff_message',
      entity: 'conversation',
      entityId: r.id,
      details: { messageIds: ids },
      at: now,
    });
    return ids;
  });
  await d.queues.enqueueOutbound(messageIds);
  await d.publishConversation({ conversationId: r.id, scope: r.scope });
  return { messageIds, tagged: decision.sendOptions.messaging?.kind === 'MESSAGE_TAG' };
}

/**
 * Staff hand the citizen back to the bot before the hand-off would end by itself. The state
 * changes in a worker, under the conversation's lock, so it cannot race the citizen's own turn.
 */
export async function endHandoff(d: ChatDeps, user: User, id: string): Promise<{ queued: true }> {
  const r = await conversationToActOn(d.db, user, id);
  if (r.mode !== 'handoff') throw new InboxError('CB_ERR_CONFLICT', 'the citizen is not waiting for a person');
  const requestId = randomUUID();
  await recordAudit(d.db, {
    actor: actorOf(user),
    action: 'conversation.end_handoff',
    entity: 'conversation',
    entityId: r.id,
    details: { requestId },
    at: new Date(),
  });
  await d.queues.endHandoff(r.id, requestId);
  await d.publishConversation({ conversationId: r.id, scope: r.scope });
  return { queued: true };
}
