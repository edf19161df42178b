import type { Database } from '../db/index.ts';
import { dummyHash, findUserForLogin, normalizeUsername, type User, verifyPassword } from '../users/index.ts';
import { InboxError } from './errors.ts';
import type { LoginLimiter } from './rate-limit.ts';
import type { SessionStore } from './session.ts';

export interface AuthDeps {
  readonly db: Database;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
}

/**
 * Checks a username and password and opens a session. Unknown user, wrong password and
 * disabled account answer alike and take as long, so a guesser learns nothing.
 */
export async function signIn(
  d: AuthDeps,
  ip: string,
  rawUsername: string,
  password: string,
): Promise<{ user: User; sessionId: string; csrf: string }> {
  const username = normalizeUsername(rawUsername).slice(0, 64);
  const wait = await d.limiter.blockedFor(ip, username);
  if (wait > 0) throw new InboxError('CB_ERR_LOGIN_RATE_LIMITED', 'too many failed sign-ins', { retryAfter: wait });
  const found = username ? await findUserForLogin(d.db, username) : null;
  const ok = await verifyPassword(password.slice(0, 1024), found?.hash ?? (await dummyHash()));
  if (!found || !ok || !found.user.active) {
    await d.limiter.fail(ip, username);
    throw new InboxError('CB_ERR_BAD_CREDENTIALS');
  }
  await d.limiter.succeed(ip, username);
  const s = await d.sessions.create(found.user.id);
  return { user: found.user, sessionId: s.id, csrf: s.data.csrf };
}
