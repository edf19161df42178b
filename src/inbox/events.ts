import type { Redis } from 'ioredis';
import type { Queryable } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';
import type { User } from '../users/index.ts';
import { canViewCase, isHandlingUnit } from './policy.ts';

/**
 * Live updates for open inbox pages. A change is a small fact (which case or conversation,
 * whose); each page then re-reads what it shows through the scoped API, so an event never
 * carries data its receiver may not see.
 *
 * Two sources: `publishCaseChanged` (Redis pub/sub, so every web process hears changes made
 * through any of them) and a watcher that notices cases and messages written by the workers
 * (new cases, citizen follow-ups, a citizen asking for a person).
 */

export interface CaseChange {
  readonly caseId: string;
  readonly routedTo: { readonly kind: 'commune' | 'province'; readonly code: string };
  readonly provinceCode: string | null;
  readonly reason: string;
}

/** A message in a conversation, told to the unit owning the channel account it came in on. */
export interface ConversationChange {
  readonly conversationId: string;
  readonly owner: { readonly kind: 'commune' | 'province'; readonly code: string };
}

/** A user's own notifications changed (a new deadline notice, one read elsewhere). */
export interface NotificationChange {
  readonly userId: string;
}

export type Change =
  | ({ readonly type: 'case' } & CaseChange)
  | ({ readonly type: 'conversation' } & ConversationChange)
  | ({ readonly type: 'notification' } & NotificationChange);

export function changesChannel(prefix: string): string {
  return `${prefix}:inbox:changes`;
}

/** Tells every open inbox page that may see this case that it changed. */
export async function publishCaseChanged(redis: Redis, prefix: string, change: CaseChange): Promise<void> {
  await redis.publish(changesChannel(prefix), JSON.stringify({ type: 'case', ...change } satisfies Change));
}

export async function publishConversationChanged(redis: Redis, prefix: string, change: ConversationChange): Promise<void> {
  await redis.publish(changesChannel(prefix), JSON.stringify({ type: 'conversation', ...change } satisfies Change));
}

/** Tells the open pages of one user that their notifications changed; nobody else hears it. */
export async function publishNotificationChanged(redis: Redis, prefix: string, change: NotificationChange): Promise<void> {
  await redis.publish(changesChannel(prefix), JSON.stringify({ type: 'notification', ...change } satisfies Change));
}

/** Whether a change concerns something this user may see. */
export function mayHear(user: User, change: Change): boolean {
  if (change.type === 'case') return canViewCase(user, { ...change, identityProtected: false });
  if (change.type === 'notification') return change.userId === user.id;
  return isHandlingUnit(user, { routedTo: change.owner, provinceCode: null, identityProtected: false });
}

type Listener = (change: Change) => void;
interface Entry {
  readonly user: User;
  readonly fn: Listener;
  /** Ends the listener's stream when the process shuts down (open SSE responses hold the server). */
  readonly end: () => void;
}

/** New messages ($2 < id <= $3) and sends settled since $1 (a send's state shows on the case page). */
const TOUCHED_CONVERSATIONS = `SELECT conversation_id FROM messages
  WHERE (id > $2::bigint AND id <= $3::bigint) OR status_changed_at > $1::timestamptz`;

export class ChangeHub {
  readonly #listeners = new Set<Entry>();
  readonly #sub: Redis;
  readonly #db: Queryable;
  readonly #log: Logger;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | null = null;
  #cursor: { at: string; messageId: string } | null = null;
  #closed = false;

  constructor(redis: Redis, prefix: string, db: Queryable, log: Logger, pollMs = 2000) {
    this.#db = db;
    this.#log = log;
    this.#pollMs = pollMs;
    this.#sub = redis.duplicate();
    this.#sub.on('error', (err) => log.warn({ err: err.message }, 'inbox change subscription error'));
    this.#sub.subscribe(changesChannel(prefix)).catch((err: Error) => log.warn({ err: err.message }, 'inbox subscribe failed'));
    this.#sub.on('message', (_channel, raw) => {
      try {
        this.#emit(JSON.parse(raw) as Change);
      } catch (err) {
        log.warn({ err }, 'bad inbox change message');
      }
    });
  }

  subscribe(user: User, fn: Listener, end: () => void): () => void {
    const entry = { user, fn, end };
    this.#listeners.add(entry);
    this.#startWatching();
    return () => {
      this.#listeners.delete(entry);
    };
  }

  #emit(change: Change): void {
    for (const l of this.#listeners) if (mayHear(l.user, change)) l.fn(change);
  }

  #startWatching(): void {
    if (this.#timer || this.#closed) return;
    const tick = async () => {
      this.#timer = null;
      if (this.#closed || this.#listeners.size === 0) return;
      try {
        await this.#poll();
      } catch (err) {
        this.#log.warn({ err }, 'inbox watcher failed');
      }
      if (!this.#closed) this.#timer = setTimeout(tick, this.#pollMs);
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Cases updated, and conversations written to or whose sends settled, since the last look. */
  async #poll(): Promise<void> {
    if (!this.#cursor) {
      const rows = await this.#db.query<{ at: string; mid: string }>(
        `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
           COALESCE((SELECT max(id) FROM messages), 0)::text AS mid`,
      );
      this.#cursor = { at: rows[0]!.at, messageId: rows[0]!.mid };
      return;
    }
    const mid = await this.#db.query<{ mid: string }>('SELECT COALESCE(max(id), 0)::text AS mid FROM messages');
    const cases = await this.#db.query<Record<string, unknown>>(
      `SELECT c.id::text AS id, c.routed_to_kind, c.routed_to_code, c.province_code,
         to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, 'case' AS reason
       FROM cases c WHERE c.updated_at > $1::timestamptz
       UNION ALL
       SELECT c.id::text, c.routed_to_kind, c.routed_to_code, c.province_code, NULL, 'message'
       FROM cases c WHERE c.conversation_id IN (${TOUCHED_CONVERSATIONS})
       LIMIT 500`,
      [this.#cursor.at, this.#cursor.messageId, mid[0]!.mid],
    );
    const conversations = await this.#db.query<{ id: string; kind: 'commune' | 'province'; code: string }>(
      `SELECT DISTINCT v.id::text AS id, a.scope_kind AS kind, a.scope_code AS code
       FROM conversations v JOIN channel_accounts a ON a.id = v.channel_account_id
       WHERE v.id IN (${TOUCHED_CONVERSATIONS}) LIMIT 500`,
      [this.#cursor.at, this.#cursor.messageId, mid[0]!.mid],
    );
    const settled = await this.#db.query<{ at: string | null }>(
      `SELECT to_char(max(status_changed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM messages WHERE status_changed_at > $1::timestamptz`,
      [this.#cursor.at],
    );
    let at = this.#cursor.at;
    for (const r of [...cases, ...settled]) if (typeof r.at === 'string' && r.at > at) at = r.at;
    this.#cursor = { at, messageId: mid[0]!.mid };
    const seen = new Set<string>();
    for (const r of cases) {
      const id = r.id as string;
      if (seen.has(id)) continue;
      seen.add(id);
      this.#emit({
        type: 'case',
        caseId: id,
        routedTo: { kind: r.routed_to_kind as 'commune', code: r.routed_to_code as string },
        provinceCode: (r.province_code as string | null) ?? null,
        reason: r.reason as string,
      });
    }
    for (const r of conversations) this.#emit({ type: 'conversation', conversationId: r.id, owner: { kind: r.kind, code: r.code } });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const l of this.#listeners) l.end();
    this.#listeners.clear();
    await this.#sub.quit().catch(() => this.#sub.disconnect());
  }
}
