import type { Redis } from 'ioredis';
import type { Queryable } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';
import type { User } from '../users/index.ts';
import { canActOnConversation, canReadConversation, canViewCase, type ConversationScopeFacts } from './policy.ts';
import { conversationScopes } from './queries.ts';

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
  /**
   * For a change caused by a message in the case's conversation: who may hear of the chat.
   * A message from a protected reporter is not told to the other cases' units.
   */
  readonly conversation?: ConversationScopeFacts;
}

/** A message in a conversation, told to those the access policy lets act on it. */
export interface ConversationChange {
  readonly conversationId: string;
  readonly scope: ConversationScopeFacts;
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
  if (change.type === 'case') {
    return canViewCase(user, { ...change, identityProtected: false }) && (!change.conversation || canReadConversation(user, change.conversation));
  }
  if (change.type === 'notification') return change.userId === user.id;
  return canActOnConversation(user, change.scope);
}

type Listener = (change: Change) => void;

interface CaseRow {
  readonly id: string;
  readonly kind: 'commune' | 'province';
  readonly code: string;
  readonly province_code: string | null;
}
interface Entry {
  readonly user: User;
  readonly fn: Listener;
  /** Ends the listener's stream when the process shuts down (open SSE responses hold the server). */
  readonly end: () => void;
}

/**
 * How far back each look reaches again. A transaction stamps its rows with its start time
 * but shows them only when it commits, so a change can appear "in the past" of the last
 * look; reading a window behind the cursor catches it, and remembering what was told keeps
 * it from being told twice.
 */
const LOOKBACK = "interval '15 seconds'";
const ISO = (col: string) => `to_char((${col}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export class ChangeHub {
  readonly #listeners = new Set<Entry>();
  readonly #sub: Redis;
  readonly #db: Queryable;
  readonly #log: Logger;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | null = null;
  /** Clock time of the last look; null before the first. */
  #cursor: string | null = null;
  /** Changes already told (or already there at the first look), by key, with their stamp. */
  readonly #told = new Map<string, string>();
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
      if (this.#closed) return;
      if (this.#listeners.size === 0) {
        // Nobody is watching: the next page to open reads the present, so start afresh then
        // rather than replaying everything changed while no one looked.
        this.#cursor = null;
        this.#told.clear();
        return;
      }
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
    const [clock] = await this.#db.query<{ now: string; since: string }>(
      `SELECT ${ISO('clock_timestamp()')} AS now, ${ISO(`COALESCE($1::timestamptz, clock_timestamp()) - ${LOOKBACK}`)} AS since`,
      [this.#cursor],
    );
    const { now, since: from } = clock!;
    const cases = await this.#db.query<CaseRow & { readonly at: string }>(
      `SELECT id::text AS id, routed_to_kind AS kind, routed_to_code AS code, province_code, ${ISO('updated_at')} AS at
       FROM cases WHERE updated_at > $1::timestamptz`,
      [from],
    );
    const messages = await this.#db.query<{ id: string; conversation_id: string; at: string }>(
      `SELECT id::text AS id, conversation_id::text AS conversation_id,
         ${ISO('GREATEST(created_at, COALESCE(status_changed_at, created_at))')} AS at
       FROM messages WHERE created_at > $1::timestamptz OR status_changed_at > $1::timestamptz`,
      [from],
    );
    const firstLook = this.#cursor === null;
    this.#cursor = now;
    for (const [key, at] of this.#told) if (at <= from) this.#told.delete(key);
    const changedCases = cases.filter((r) => this.#isNew(`case:${r.id}`, r.at));
    const touched = [...new Set(messages.filter((r) => this.#isNew(`message:${r.id}`, r.at)).map((r) => r.conversation_id))];
    // The first look only learns what is already there: pages opened now have just read it.
    if (firstLook) return;
    const byConversation =
      touched.length === 0
        ? []
        : await this.#db.query<CaseRow & { conversation_id: string }>(
            `SELECT id::text AS id, routed_to_kind AS kind, routed_to_code AS code, province_code,
               conversation_id::text AS conversation_id
             FROM cases WHERE conversation_id = ANY($1::bigint[])`,
            [touched],
          );
    const scopes = await conversationScopes(this.#db, touched);
    const seen = new Set<string>();
    for (const r of changedCases) {
      seen.add(r.id);
      this.#emit({ type: 'case', caseId: r.id, routedTo: { kind: r.kind, code: r.code }, provinceCode: r.province_code, reason: 'case' });
    }
    for (const r of byConversation) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const conversation = scopes.get(r.conversation_id);
      this.#emit({
        type: 'case',
        caseId: r.id,
        routedTo: { kind: r.kind, code: r.code },
        provinceCode: r.province_code,
        reason: 'message',
        ...(conversation ? { conversation } : {}),
      });
    }
    for (const [conversationId, scope] of scopes) this.#emit({ type: 'conversation', conversationId, scope });
  }

  /** Whether this stamp of a row has not been told yet; remembers it either way. */
  #isNew(key: string, at: string): boolean {
    if (this.#told.get(key) === at) return false;
    this.#told.set(key, at);
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const l of this.#listeners) l.end();
    this.#listeners.clear();
    await this.#sub.quit().catch(() => this.#sub.disconnect());
  }
}
