import { findAccount } from '../accounts/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';

/** A lookup slower than this is treated like a database that is down. */
const LOOKUP_TIMEOUT_MS = 500;

/**
 * The webhook asks "is this OA/Page ours?" on every delivery; a short-lived cache keeps that
 * off the database. An account added by the CLI is seen within `ttlMs`.
 *
 * Webhooks need only Redis: when the database cannot answer, the last answer is used however
 * old, and an account never seen is let through (the worker checks it again before storing
 * anything, and drops it then if it is not ours). Refusing would lose a citizen's message.
 */
export function knownAccountCache(db: Queryable, log: Logger, ttlMs = 30_000) {
  const cache = new Map<string, { known: boolean; until: number }>();
  return async function isKnownAccount(platform: Platform, accountRef: string): Promise<boolean> {
    const key = `${platform}\u0000${accountRef}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.known;
    try {
      const known = (await timeout(findAccount(db, platform, accountRef), LOOKUP_TIMEOUT_MS)) !== null;
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { known, until: now + ttlMs });
      return known;
    } catch (err) {
      log.warn({ platform, err: err instanceof Error ? err.message : String(err) }, 'account lookup failed; webhook accepted on the last known answer');
      return hit?.known ?? true;
    }
  };
}

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
