import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Deletes the lock only if it still holds our token: after our TTL ran out another process may
// own it, and a plain DEL would release their lock.
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export interface HeldLock {
  release(): Promise<void>;
}

/** SET NX PX with a random token: one holder at a time, and a crashed holder frees it after ttlMs. */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<HeldLock | null> {
  const token = randomBytes(16).toString('hex');
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return null;
  return {
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
