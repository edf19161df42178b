import { join } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../db/index.ts';
import { t } from '../i18n/index.ts';
import type { Logger } from '../observability/index.ts';
import type { Queues } from '../queue/index.ts';
import { countUsers } from '../users/index.ts';
import { recordAudit } from '../cases/index.ts';
import { actorOf, publisherFor } from './actions.ts';
import { apiRouter } from './api.ts';
import { InboxError } from './errors.ts';
import { ChangeHub, publishConversationChanged, publishNotificationChanged } from './events.ts';
import { clientIp, loadViewer, localeOf } from './http.ts';
import { pagesRouter } from './pages-router.ts';
import { isSystemAdmin } from './policy.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './rate-limit.ts';
import { DEFAULT_SESSION, type SessionOptions, SessionStore } from './session.ts';
import type { Viewer } from './types.ts';

export interface InboxDeps {
  readonly db: Database;
  readonly redis: Redis;
  readonly queues: Queues;
  readonly log: Logger;
  /** Prefix of the inbox's Redis keys and pub/sub channel (the queue prefix). */
  readonly prefix: string;
  /** PUBLIC_URL: an https URL makes cookies Secure even when TLS ends at a proxy. */
  readonly publicUrl?: string | undefined;
  readonly session?: SessionOptions;
  readonly loginLimits?: LoginLimits;
  /** How often the change watcher looks at the database for worker-made changes. */
  readonly watchEveryMs?: number;
  readonly sseHeartbeatMs?: number;
  /**
   * Re-plans a case's deadline jobs after staff changed its due date, route or status
   * (pass the deadlines area's `scheduleCaseDeadlines` bound to its scheduler).
   */
  readonly reschedule?: (caseId: string) => Promise<unknown>;
  /** Whether a Zalo citizen past every chat window may be told by ZNS template (ZALO_ZNS_TEMPLATE_ID). */
  readonly phoneNotices?: boolean;
  /** Queues of other areas (deadlines) shown on the admins' dashboard beside the core ones. */
  readonly dashboardQueues?: readonly Queue[];
}

export interface Inbox {
  /** Adds /inbox (pages), /api (JSON) and the admins' queue dashboard to the app. */
  mount(app: Express): void;
  /** Ends live streams; call before closing the HTTP server (they would hold it open). */
  close(): Promise<void>;
}

const PUBLIC_DIR = join(import.meta.dirname, 'public');

// Pages load only our own files; citizen photos come from the platforms' https CDNs.
const CSP = [
  "default-src 'self'",
  "img-src 'self' https: data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

function securityHeaders(req: Request, res: Response, next: NextFunction) {
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Referrer-Policy', 'same-origin');
  res.set('X-Frame-Options', 'DENY');
  if (!req.originalUrl.startsWith('/inbox/admin/queues')) res.set('Content-Security-Policy', CSP);
  next();
}

/** The dashboard posts with its own fetch calls, without our token: same-origin is required instead. */
function sameOriginWrites(req: Request, _res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const origin = req.get('origin') ?? req.get('referer');
  try {
    if (origin && new URL(origin).host === req.get('host')) return next();
  } catch {
    // Unreadable origin: refused below.
  }
  next(new InboxError('CB_ERR_CSRF'));
}

/**
 * The queue dashboard is the installation's: only its system administrators open it (a
 * province's administrator does not), and only with a password of their own.
 */
function systemAdminOnly(req: Request, res: Response, next: NextFunction) {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) {
    if (req.method === 'GET') return res.redirect(303, `/inbox/login?next=${encodeURIComponent(req.originalUrl)}`);
    return next(new InboxError('CB_ERR_UNAUTHENTICATED'));
  }
  if (!isSystemAdmin(v.user)) return next(new InboxError('CB_ERR_FORBIDDEN'));
  if (v.user.mustChangePassword) return next(new InboxError('CB_ERR_PASSWORD_CHANGE_REQUIRED'));
  next();
}

/** Each opening of the dashboard (its page, not the data calls the page makes) is on the audit trail. */
function auditDashboard(db: Database) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path.startsWith('/static/')) return next();
    const v = res.locals.viewer as Viewer;
    recordAudit(db, {
      actor: actorOf(v.user),
      action: 'queue_dashboard.opened',
      entity: 'installation',
      entityId: 'queue-dashboard',
      details: { path: req.path, ip: clientIp(req) },
      at: new Date(),
    }).then(() => next(), next);
  };
}

/** `message` is for developers; `text` is the sentence to show staff, in their language. */
function apiErrors(err: unknown, req: Request, res: Response, next: NextFunction) {
  if (!(err instanceof InboxError)) return next(err);
  if (typeof err.details.retryAfter === 'number') res.set('Retry-After', String(err.details.retryAfter));
  const text = t(localeOf(req, res), `inbox.error.${err.code}`);
  res.status(err.status).json({ error: { code: err.code, message: err.message, text, details: err.details } });
}

export function createInbox(d: InboxDeps): Inbox {
  const sessions = new SessionStore(d.redis, d.prefix, d.session ?? DEFAULT_SESSION);
  const limiter = new LoginLimiter(d.redis, d.prefix, d.loginLimits ?? DEFAULT_LOGIN_LIMITS);
  const hub = new ChangeHub(d.redis, d.prefix, d.db, d.log, d.watchEveryMs);
  const shared = {
    db: d.db,
    queues: d.queues,
    publish: publisherFor(d.redis, d.prefix),
    publishConversation: (c: Parameters<typeof publishConversationChanged>[2]) => publishConversationChanged(d.redis, d.prefix, c),
    // The user's other open pages update their notification count.
    publishNotification: (userId: string) => publishNotificationChanged(d.redis, d.prefix, { userId }),
    // The change is committed by then: a failed re-plan is logged, and the deadlines area's
    // resync at start repairs it, rather than telling staff their action failed.
    reschedule: d.reschedule
      ? (caseId: string) => d.reschedule!(caseId).catch((err: unknown) => d.log.error({ err, caseId }, 'deadline re-plan failed'))
      : undefined,
    phoneNotices: d.phoneNotices,
    sessions,
    limiter,
    publicUrl: d.publicUrl,
  };
  return {
    mount(app) {
      const viewer = loadViewer(sessions, d.db);
      app.use(['/inbox', '/api'], securityHeaders);
      app.use('/inbox/static', express.static(PUBLIC_DIR, { maxAge: '1h', index: false }));

      const board = new ExpressAdapter();
      board.setBasePath('/inbox/admin/queues');
      const shown = [...d.queues.all(), ...(d.dashboardQueues ?? [])];
      createBullBoard({ queues: shown.map((q) => new BullMQAdapter(q as never)), serverAdapter: board });
      app.use('/inbox/admin/queues', viewer, systemAdminOnly, auditDashboard(d.db), sameOriginWrites, board.getRouter(), apiErrors);

      app.use('/api', viewer, apiRouter({ ...shared, hub, sseHeartbeatMs: d.sseHeartbeatMs ?? 25_000 }), apiErrors);
      app.use('/inbox', viewer, pagesRouter(shared));
      app.get('/', (_req, res) => res.redirect(303, '/inbox/cases'));
      void announceFirstAdmin(d);
    },
    close: () => hub.close(),
  };
}

/** With no account yet nobody can sign in: the log says how to make the first one. */
async function announceFirstAdmin(d: InboxDeps): Promise<void> {
  try {
    if ((await countUsers(d.db)) > 0) return;
    d.log.warn(
      { howto: 'congboc users add --username admin --role system_admin --scope province:<code> --name "Quản trị"' },
      'staff inbox has no users yet: create the installation admin with `congboc users add --role system_admin ...` (prints a one-time password, changed at first sign-in)',
    );
  } catch (err) {
    d.log.warn({ err }, 'could not count inbox users');
  }
}
