import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Queryable } from '../db/index.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import { getUser } from '../users/index.ts';
import { InboxError } from './errors.ts';
import type { SessionStore } from './session.ts';
import type { Viewer } from './types.ts';

export const SESSION_COOKIE = 'cb_sid';
export const LANG_COOKIE = 'cb_lang';
export const LOGIN_CSRF_COOKIE = 'cb_login_csrf';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A cookie we did not write and cannot decode is ignored.
    }
  }
  return out;
}

export interface CookieOptions {
  readonly maxAgeMs?: number;
  readonly httpOnly?: boolean;
}

/** Secure when the request came over https (directly or through a trusted proxy) or PUBLIC_URL is https. */
export function setCookie(req: Request, res: Response, publicUrl: string | undefined, name: string, value: string, o: CookieOptions = {}) {
  const secure = req.secure || (publicUrl?.startsWith('https:') ?? false);
  res.cookie(name, value, {
    httpOnly: o.httpOnly ?? true,
    sameSite: 'lax',
    secure,
    path: '/',
    ...(o.maxAgeMs !== undefined ? { maxAge: o.maxAgeMs } : {}),
  });
}

export function clearCookie(res: Response, name: string) {
  res.clearCookie(name, { path: '/' });
}

export function viewerOf(res: Response): Viewer {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) throw new InboxError('CB_ERR_UNAUTHENTICATED');
  return v;
}

/** The language of the page: the explicit choice (cookie), else the user's, else Vietnamese. */
export function localeOf(req: Request, res: Response): Locale {
  const chosen = parseCookies(req.headers.cookie)[LANG_COOKIE];
  if (isLocale(chosen)) return chosen;
  const v = res.locals.viewer as Viewer | undefined;
  return v?.user.locale ?? 'vi';
}

/**
 * Loads the session and its user on every request. An unknown, expired or disabled session
 * leaves the request anonymous; `requireViewer` then refuses it.
 */
export function loadViewer(sessions: SessionStore, db: Queryable) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const id = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (id) {
        const s = await sessions.touch(id);
        const user = s ? await getUser(db, s.userId) : null;
        if (s && user?.active) res.locals.viewer = { user, sessionId: id, csrf: s.csrf } satisfies Viewer;
        else if (s) await sessions.destroy(id);
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requireViewer(_req: Request, res: Response, next: NextFunction) {
  if (res.locals.viewer) return next();
  next(new InboxError('CB_ERR_UNAUTHENTICATED'));
}

/**
 * A user signed in with a password someone else chose (`users add`, an administrator) may only
 * change it (or sign out) until they have: `allowed` names those requests.
 */
export function requireOwnPassword(allowed: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const v = res.locals.viewer as Viewer | undefined;
    if (!v?.user.mustChangePassword || allowed(req)) return next();
    next(new InboxError('CB_ERR_PASSWORD_CHANGE_REQUIRED'));
  };
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer token: every state change carries the session's token, in the X-CSRF-Token
 * header (fetch) or the `_csrf` form field. SameSite=Lax cookies are the second line.
 */
export function requireCsrf(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const v = res.locals.viewer as Viewer | undefined;
  const sent = req.get('x-csrf-token') ?? (req.body as Record<string, unknown> | undefined)?._csrf;
  if (!v || typeof sent !== 'string' || !safeEqual(sent, v.csrf)) return next(new InboxError('CB_ERR_CSRF'));
  next();
}

/** Wraps an async handler so a rejection reaches express' error handling. */
export function handle(fn: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export function bodyOf(req: Request): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
