import { findAccount } from '../accounts/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';

/**
 * The webhook asks "is this OA/Page ours?" on every delivery; a short-lived cache keeps that
 * off the database. An account added by the CLI is seen within `ttlMs`.
 */
export function knownAccountCache(db: Queryable, ttlMs = 30_000) {
  const cache = new Map<string, { known: boolean; until: number }>();
  return async function isKnownAccount(platform: Platform, accountRef: string): Promise<boolean> {
    const key = `${platform}\u0000${accountRef}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.known;
    const known = (await findAccount(db, platform, accountRef)) !== null;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { known, until: now + ttlMs });
    return known;
  };
}
