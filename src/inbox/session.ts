import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Server-side sessions in Redis. The cookie holds a random id; Redis holds it under its
 * SHA-256, so a copy of Redis does not hand out live cookies. A session ends after
 * `idleMs` without a request or `absoluteMs` after sign-in, whichever comes first.
 */

export interface SessionData {
  readonly userId: string;
  readonly csrf: string;
  readonly createdAt: number;
}

export interface SessionOptions {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION: SessionOptions = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

export class SessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly opts: SessionOptions;

  constructor(redis: Redis, prefix: string, opts: SessionOptions = DEFAULT_SESSION) {
    this.#redis = redis;
    this.#prefix = `${prefix}:inbox:sess:`;
    this.opts = opts;
  }

  #key(id: string): string {
    return this.#prefix + createHash('sha256').update(id).digest('hex');
  }

  /** The keys of one user's sessions, so a password change can end the others. */
  #userKey(userId: string): string {
    return `${this.#prefix}user:${userId}`;
  }

  async create(userId: string, now = Date.now()): Promise<{ id: string; data: SessionData }> {
    const id = randomBytes(32).toString('base64url');
    const data: SessionData = { userId, csrf: randomBytes(32).toString('base64url'), createdAt: now };
    const key = this.#key(id);
    await this.#redis
      .multi()
      .set(key, JSON.stringify(data), 'PX', this.opts.idleMs)
      .sadd(this.#userKey(userId), key)
      .pexpire(this.#userKey(userId), this.opts.absoluteMs)
      .exec();
    return { id, data };
  }

  /** Ends every session of a user but `keepId` (the one that changed the password), if given. */
  async destroyOthers(userId: string, keepId: string | null): Promise<number> {
    const index = this.#userKey(userId);
    const keep = keepId === null ? null : this.#key(keepId);
    const keys = (await this.#redis.smembers(index)).filter((k) => k !== keep);
    if (keys.length === 0) return 0;
    const m = this.#redis.multi().del(...keys).srem(index, ...keys);
    const results = await m.exec();
    return Number(results?.[0]?.[1] ?? 0);
  }

  /** The live session for a cookie value, its idle timer restarted; null when unknown or expired. */
  async touch(id: string, now = Date.now()): Promise<SessionData | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = this.#key(id);
    const raw = await this.#redis.get(key);
    if (!raw) return null;
    const data = JSON.parse(raw) as SessionData;
    const left = data.createdAt + this.opts.absoluteMs - now;
    if (left <= 0) {
      await this.#redis.del(key);
      return null;
    }
    await this.#redis.pexpire(key, Math.min(this.opts.idleMs, left));
    return data;
  }

  /** Whether a session still exists, without extending it (a live event stream must not keep a session alive). */
  async alive(id: string): Promise<boolean> {
    return /^[A-Za-z0-9_-]{43}$/.test(id) && (await this.#redis.exists(this.#key(id))) === 1;
  }

  async destroy(id: string): Promise<void> {
    await this.#redis.del(this.#key(id));
  }
}
