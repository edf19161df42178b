import { recordAudit } from '../cases/index.ts';
import type { Database } from '../db/index.ts';
import {
  dummyHash,
  findUserForLogin,
  InvalidUser,
  isUsername,
  normalizeUsername,
  passwordHashOf,
  setPassword,
  type User,
  verifyPassword,
} from '../users/index.ts';
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
  // Counted before the password is checked: parallel guesses cannot all slip under the limit.
  const wait = await d.limiter.attempt(ip, username);
  if (wait > 0) throw new InboxError('CB_ERR_LOGIN_RATE_LIMITED', 'too many failed sign-ins', { retryAfter: wait });
  // A name no account can have (a NUL byte, spaces) is simply unknown: never sent to the database.
  const found = isUsername(username) ? await findUserForLogin(d.db, username) : null;
  const ok = await verifyPassword(password.slice(0, 1024), found?.hash ?? (await dummyHash()));
  if (!found || !ok || !found.user.active) throw new InboxError('CB_ERR_BAD_CREDENTIALS');
  await d.limiter.succeed(ip, username);
  const s = await d.sessions.create(found.user.id);
  return { user: found.user, sessionId: s.id, csrf: s.data.csrf };
}

/**
 * The signed-in user changes their own password: the current one is checked (and counted like
 * a sign-in, so a stolen session cannot guess it), the new one set, and every other session of
 * theirs ended — a password change is how someone locks out whoever else was signed in.
 */
export async function changeOwnPassword(
  d: AuthDeps,
  viewer: { user: User; sessionId: string },
  ip: string,
  current: string,
  next: string,
): Promise<{ endedSessions: number }> {
  const wait = await d.limiter.attempt(ip, viewer.user.username);
  if (wait > 0) throw new InboxError('CB_ERR_LOGIN_RATE_LIMITED', 'too many failed attempts', { retryAfter: wait });
  const hash = await passwordHashOf(d.db, viewer.user.id);
  if (!hash || !(await verifyPassword(current.slice(0, 1024), hash))) throw new InboxError('CB_ERR_BAD_CREDENTIALS');
  await d.limiter.succeed(ip, viewer.user.username);
  if (next === current) throw new InboxError('CB_ERR_INVALID_INPUT', 'the new password must differ from the current one');
  try {
    await d.db.transaction(async (tx) => {
      await setPassword(tx, viewer.user.id, next.slice(0, 1024), { chosenByOwner: true });
      await recordAudit(tx, { actor: `user:${viewer.user.id}`, action: 'user.password_changed', entity: 'user', entityId: viewer.user.id, at: new Date() });
    });
  } catch (err) {
    if (err instanceof InvalidUser) throw new InboxError('CB_ERR_INVALID_INPUT', err.message);
    throw err;
  }
  return { endedSessions: await d.sessions.destroyOthers(viewer.user.id, viewer.sessionId) };
}
