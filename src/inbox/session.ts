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

  async create(userId: string, now = Date.now()): Promise<{ id: string; data: SessionData }> {
    const id = randomBytes(32).toString('base64url');
    const data: SessionData = { userId, csrf: randomBytes(32).toString('base64url'), createdAt: now };
    await this.#redis.set(this.#key(id), JSON.stringify(data), 'PX', this.opts.idleMs);
    return { id, data };
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

  async destroy(id: string): Promise<void> {
    await this.#redis.del(this.#key(id));
  }
}
