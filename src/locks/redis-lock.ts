import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Deletes the key only if it still holds our token: a lock that expired and was taken by
// another process must not be released by us.
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock {
  readonly key: string;
  /** Pushes the expiry further; false when the lock was lost (expired and taken). */
  extend(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

/** A single-holder lock with expiry, so a crashed holder cannot block others for longer than ttl. */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | null> {
  const token = randomUUID();
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  return {
    key,
    async extend(ms) {
      return (await redis.eval(EXTEND, 1, key, token, String(ms))) === 1;
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}

/** Resolves true once nobody holds `key`, false if it is still held at the deadline. */
export async function waitForRelease(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let pause = 25;
  while ((await redis.exists(key)) === 1) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 250);
  }
  return true;
}
