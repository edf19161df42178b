import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { calendarWarning } from '../deadlines/index.ts';
import { hasKey, isLocale } from '../i18n/index.ts';
import { listDeadLetters } from '../queue/index.ts';
import {
  adminAddChannel,
  adminCreateUser,
  adminListChannels,
  adminListUsers,
  adminRemoveChannel,
  adminSetUserActive,
  servedUnits,
} from './admin.ts';
import {
  type ActionDeps,
  addNote,
  assignCase,
  changeKind,
  correctLabel,
  createCanned,
  removeCanned,
  replyToCitizen,
  setStatus,
  transfer,
} from './actions.ts';
import { type AuthDeps, changeOwnPassword, signIn } from './auth.ts';
import { type ChatDeps, chatInConversation, endHandoff, listWaiting, loadConversationView } from './conversations.ts';
import { loadCaseView } from './case-view.ts';
import { InboxError } from './errors.ts';
import { parseQueueFilter } from './filters.ts';
import { draftLetter, editLetter, extendCase, letterDocx, letterToActOn, patchFromForm, signLetter } from './letters.ts';
import { type Html, html } from './html.ts';
import {
  bodyOf,
  clearCookie,
  clientIp,
  handle,
  LANG_COOKIE,
  LOGIN_CSRF_COOKIE,
  localeOf,
  parseCookies,
  requireCsrf,
  SESSION_COOKIE,
  safeEqual,
  setCookie,
  str,
} from './http.ts';
import { adminPage } from './pages/admin.ts';
import { cannedPage } from './pages/canned.ts';
import { casePage, conversationPage } from './pages/case.ts';
import { layout, type PageCtx, tr } from './pages/layout.ts';
import { loginPage } from './pages/login.ts';
import { notificationsPage } from './pages/notifications.ts';
import { passwordPage } from './pages/password.ts';
import { queuePage } from './pages/queue.ts';
import { canManageCanned, isAdmin, isSystemAdmin } from './policy.ts';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  unreadNotifications,
} from './notifications.ts';
import { listCanned, listQueue, queueCounts, visibleCase } from './queries.ts';
import { vietnamToday } from './today.ts';
import type { Viewer } from './types.ts';
import { listUsers } from '../users/index.ts';

export interface PagesDeps extends ActionDeps, AuthDeps, ChatDeps {
  readonly publicUrl: string | undefined;
  readonly publishNotification: (userId: string) => Promise<void>;
}

function ctxOf(req: Request, res: Response): PageCtx {
  const v = res.locals.viewer as Viewer | undefined;
  const locale = localeOf(req, res);
  const q = req.query;
  let notice: PageCtx['notice'] = null;
  if (typeof q.error === 'string' && hasKey(locale, `inbox.error.${q.error}`)) {
    notice = { kind: 'error', text: tr(locale)(`error.${q.error}`) };
  } else if (typeof q.done === 'string' && hasKey(locale, `inbox.done.${q.done}`)) {
    notice = { kind: 'done', text: tr(locale)(`done.${q.done}`) };
  }
  const unread = typeof res.locals.unread === 'number' ? res.locals.unread : 0;
  return { locale, unread, user: v?.user ?? null, csrf: v?.csrf ?? '', here: req.originalUrl.replace(/([?&])(lang|done|error)=[^&]*/g, '$1').replace(/[?&]+$/, ''), notice };
}

function send(res: Response, page: Html, status = 200) {
  res.status(status).type('html').send(page.value);
}

function viewer(res: Response): Viewer {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) throw new InboxError('CB_ERR_UNAUTHENTICATED');
  return v;
}

/** Only paths of the inbox itself: never an open redirect to another site. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/inbox\/[^/\\]/.test(next) ? next : '/inbox/cases';
}

export function pagesRouter(d: PagesDeps): Router {
  const r = Router();
  r.use(express.urlencoded({ extended: false, limit: '64kb' }));

  r.use((req, res, next) => {
    const lang = req.query.lang;
    if (req.method === 'GET' && isLocale(lang)) {
      setCookie(req, res, d.publicUrl, LANG_COOKIE, lang, { maxAgeMs: 365 * 86400_000 });
      const url = req.originalUrl.replace(/([?&])lang=[^&]*&?/, '$1').replace(/[?&]$/, '');
      return res.redirect(303, url);
    }
    next();
  });

  r.get('/', (_req, res) => res.redirect(303, '/inbox/cases'));

  r.get('/login', (req, res) => {
    if (res.locals.viewer) return res.redirect(303, safeNext(req.query.next));
    const token = randomBytes(24).toString('base64url');
    setCookie(req, res, d.publicUrl, LOGIN_CSRF_COOKIE, token);
    send(res, loginPage(ctxOf(req, res), token, safeNext(req.query.next)));
  });

  r.post(
    '/login',
    handle(async (req, res) => {
      const b = bodyOf(req);
      const cookie = parseCookies(req.headers.cookie)[LOGIN_CSRF_COOKIE] ?? '';
      const ctx = ctxOf(req, res);
      const retry = (code: string, status: number) => {
        const token = randomBytes(24).toString('base64url');
        setCookie(req, res, d.publicUrl, LOGIN_CSRF_COOKIE, token);
        const page = loginPage({ ...ctx, notice: { kind: 'error', text: tr(ctx.locale)(`error.${code}`) } }, token, safeNext(b.next), str(b.username));
        send(res, page, status);
      };
      if (!cookie || !safeEqual(cookie, str(b._csrf))) return retry('CB_ERR_CSRF', 403);
      try {
        const s = await signIn(d, clientIp(req), str(b.username), str(b.password));
        clearCookie(res, LOGIN_CSRF_COOKIE);
        setCookie(req, res, d.publicUrl, SESSION_COOKIE, s.sessionId);
        res.redirect(303, safeNext(b.next));
      } catch (err) {
        if (err instanceof InboxError) {
          if (typeof err.details.retryAfter === 'number') res.set('Retry-After', String(err.details.retryAfter));
          return retry(err.code, err.status);
        }
        throw err;
      }
    }),
  );

  // Everything below needs a signed-in user; a GET without one goes to the sign-in page.
  r.use((req, res, next) => {
    if (res.locals.viewer) return next();
    if (req.method === 'GET') return res.redirect(303, `/inbox/login?next=${encodeURIComponent(req.originalUrl)}`);
    next(new InboxError('CB_ERR_UNAUTHENTICATED'));
  });
  r.use(requireCsrf);
  // A password someone else chose is replaced before anything else.
  r.use((req, res, next) => {
    if (!viewer(res).user.mustChangePassword || req.path === '/password' || req.path === '/logout') return next();
    if (req.method === 'GET') return res.redirect(303, '/inbox/password');
    next(new InboxError('CB_ERR_PASSWORD_CHANGE_REQUIRED'));
  });
  // Every page's header shows the bell with the viewer's unread notifications.
  r.use((req, res, next) => {
    if (req.method !== 'GET') return next();
    unreadNotifications(d.db, viewer(res).user).then((n) => {
      res.locals.unread = n;
      next();
    }, next);
  });

  r.get('/password', (req, res) => {
    res.set('Cache-Control', 'no-store');
    send(res, passwordPage(ctxOf(req, res), viewer(res).user.mustChangePassword));
  });
  r.post(
    '/password',
    handle(async (req, res) => {
      const b = bodyOf(req);
      await changeOwnPassword(d, viewer(res), clientIp(req), str(b.currentPassword), str(b.newPassword));
      res.redirect(303, '/inbox/cases?done=password_changed');
    }),
  );

  r.post(
    '/logout',
    handle(async (_req, res) => {
      await d.sessions.destroy(viewer(res).sessionId);
      clearCookie(res, SESSION_COOKIE);
      res.redirect(303, '/inbox/login');
    }),
  );

  r.get(
    '/cases',
    handle(async (req, res) => {
      const user = viewer(res).user;
      const f = parseQueueFilter(req.query as Record<string, unknown>);
      const [items, counts, colleagues, waiting] = await Promise.all([
        listQueue(d.db, user, f),
        queueCounts(d.db, user),
        listUsers(d.db, { scope: user.scope, activeOnly: true }),
        listWaiting(d.db, user),
      ]);
      const others = colleagues.filter((u) => u.role !== 'admin').map((u) => ({ id: u.id, name: u.displayName }));
      send(res, queuePage(ctxOf(req, res), items, counts, f, others, waiting));
    }),
  );

  r.get(
    '/cases/:id',
    handle(async (req, res) => {
      const user = viewer(res).user;
      const c = await visibleCase(d.db, user, String(req.params.id));
      if (!c) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
      const view = await loadCaseView(d.db, user, c, { channel: 'page', ip: clientIp(req) });
      res.set('Cache-Control', 'no-store');
      send(res, casePage(ctxOf(req, res), view));
    }),
  );

  r.get(
    '/conversations/:id',
    handle(async (req, res) => {
      const view = await loadConversationView(d.db, viewer(res).user, String(req.params.id), { channel: 'page', ip: clientIp(req) });
      res.set('Cache-Control', 'no-store');
      send(res, conversationPage(ctxOf(req, res), view));
    }),
  );
  r.post(
    '/conversations/:id/reply',
    handle(async (req, res) => {
      const id = String(req.params.id);
      await chatInConversation(d, viewer(res).user, id, str(bodyOf(req).text));
      res.redirect(303, `/inbox/conversations/${encodeURIComponent(id)}?done=reply_queued#conversation`);
    }),
  );
  r.post(
    '/conversations/:id/end-handoff',
    handle(async (req, res) => {
      const id = String(req.params.id);
      await endHandoff(d, viewer(res).user, id);
      res.redirect(303, `/inbox/conversations/${encodeURIComponent(id)}?done=handoff_ended`);
    }),
  );

  const caseForm = (done: string, fn: (req: Request, res: Response, id: string) => Promise<unknown>) =>
    handle(async (req, res) => {
      const id = String(req.params.id);
      await fn(req, res, id);
      res.redirect(303, `/inbox/cases/${encodeURIComponent(id)}?done=${done}`);
    });
  r.post(
    '/cases/:id/reply',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const b = bodyOf(req);
      const out = await replyToCitizen(d, viewer(res).user, id, { text: str(b.text), asAnswer: b.asAnswer === '1' });
      const done = out.outcome.kind === 'call_citizen' ? 'answer_recorded_call' : 'reply_queued';
      res.redirect(303, `/inbox/cases/${encodeURIComponent(id)}?done=${done}#conversation`);
    }),
  );
  r.post(
    '/cases/:id/status',
    caseForm('status', (req, res, id) => setStatus(d, viewer(res).user, id, str(bodyOf(req).status), str(bodyOf(req).note) || null)),
  );
  r.post(
    '/cases/:id/notes',
    caseForm('note', (req, res, id) => addNote(d, viewer(res).user, id, str(bodyOf(req).body))),
  );
  r.post(
    '/cases/:id/assign',
    caseForm('assigned', (req, res, id) => assignCase(d, viewer(res).user, id, str(bodyOf(req).userId) || null)),
  );
  r.post(
    '/cases/:id/label',
    caseForm('label', (req, res, id) => correctLabel(d, viewer(res).user, id, str(bodyOf(req).label))),
  );
  r.post(
    '/cases/:id/kind',
    caseForm('kind_changed', (req, res, id) =>
      changeKind(d, viewer(res).user, id, { kind: str(bodyOf(req).kind), reason: str(bodyOf(req).reason) }),
    ),
  );
  r.post(
    '/cases/:id/transfer',
    handle(async (req, res) => {
      const b = bodyOf(req);
      await transfer(d, viewer(res).user, String(req.params.id), str(b.communeCode), str(b.reason));
      // The case may now be out of this user's scope: back to the queue.
      res.redirect(303, '/inbox/cases?done=transferred');
    }),
  );

  r.post(
    '/cases/:id/extend',
    caseForm('extended', (req, res, id) =>
      extendCase(d, viewer(res).user, id, { newDue: str(bodyOf(req).newDue), reason: str(bodyOf(req).reason) }),
    ),
  );
  r.post(
    '/cases/:id/letters',
    caseForm('letter_drafted', (_req, res, id) => draftLetter(d, viewer(res).user, id)),
  );
  const letterForm = (done: string, fn: (req: Request, res: Response, id: string) => Promise<{ caseId: string }>) =>
    handle(async (req, res) => {
      const letter = await fn(req, res, String(req.params.id));
      res.redirect(303, `/inbox/cases/${encodeURIComponent(letter.caseId)}?done=${done}#letters`);
    });
  r.post(
    '/letters/:id',
    letterForm('letter_saved', async (req, res, id) => {
      const { letter } = await letterToActOn(d, viewer(res).user, id);
      if (letter.status !== 'draft') throw new InboxError('CB_ERR_CONFLICT', 'only a draft can be edited');
      return editLetter(d, viewer(res).user, id, patchFromForm(bodyOf(req), letter.fields));
    }),
  );
  r.post(
    '/letters/:id/sign',
    letterForm('letter_signed', (_req, res, id) => signLetter(d, viewer(res).user, id)),
  );
  r.get(
    '/letters/:id/docx',
    handle(async (req, res) => {
      const out = await letterDocx(d, viewer(res).user, String(req.params.id), { channel: 'page', ip: clientIp(req) });
      res.attachment(out.name).type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(out.docx);
    }),
  );

  r.get(
    '/notifications',
    handle(async (req, res) => {
      res.set('Cache-Control', 'no-store');
      send(res, notificationsPage(ctxOf(req, res), await listNotifications(d.db, viewer(res).user, { limit: 100 })));
    }),
  );
  r.post(
    '/notifications/read-all',
    handle(async (_req, res) => {
      const user = viewer(res).user;
      await readAllNotifications(d, user);
      res.redirect(303, '/inbox/notifications?done=notifications_read');
    }),
  );
  r.post(
    '/notifications/:id/read',
    handle(async (req, res) => {
      const user = viewer(res).user;
      await readNotification(d, user, String(req.params.id));
      res.redirect(303, '/inbox/notifications?done=notifications_read');
    }),
  );
  r.post(
    '/notifications/:id/open',
    handle(async (req, res) => {
      const user = viewer(res).user;
      const { caseId } = await readNotification(d, user, String(req.params.id));
      res.redirect(303, `/inbox/cases/${encodeURIComponent(caseId)}`);
    }),
  );

  r.get(
    '/canned',
    handle(async (req, res) => {
      const user = viewer(res).user;
      send(res, cannedPage(ctxOf(req, res), await listCanned(d.db, user.scope), canManageCanned(user)));
    }),
  );
  r.post(
    '/canned',
    handle(async (req, res) => {
      const b = bodyOf(req);
      await createCanned(d, viewer(res).user, { title: str(b.title), body: str(b.body) });
      res.redirect(303, '/inbox/canned?done=canned_saved');
    }),
  );
  r.post(
    '/canned/:id/delete',
    handle(async (req, res) => {
      await removeCanned(d, viewer(res).user, String(req.params.id));
      res.redirect(303, '/inbox/canned?done=canned_removed');
    }),
  );

  const admin = Router();
  admin.use((_req, res, next) => {
    if (isAdmin(viewer(res).user)) return next();
    next(new InboxError('CB_ERR_FORBIDDEN'));
  });
  admin.get(
    '/',
    handle(async (req, res) => {
      const year = Number(req.query.year ?? new Date().getUTCFullYear());
      const user = viewer(res).user;
      // Dead letters are the installation's (platform user references, every unit's channels).
      const [users, channels, units, deadLetters] = await Promise.all([
        adminListUsers(d.db, user),
        adminListChannels(d.db, user),
        servedUnits(d.db, user, vietnamToday()),
        isSystemAdmin(user) ? listDeadLetters(d.db) : Promise.resolve(null),
      ]);
      send(res, adminPage(ctxOf(req, res), users, channels, units, year, calendarWarning(new Date()), deadLetters));
    }),
  );
  admin.post(
    '/users',
    handle(async (req, res) => {
      await adminCreateUser(d.db, viewer(res).user, bodyOf(req));
      res.redirect(303, '/inbox/admin?done=user_created#users');
    }),
  );
  admin.post(
    '/users/:id/active',
    handle(async (req, res) => {
      await adminSetUserActive(d.db, viewer(res).user, String(req.params.id), str(bodyOf(req).active) === '1');
      res.redirect(303, '/inbox/admin?done=user_updated#users');
    }),
  );
  admin.post(
    '/channels',
    handle(async (req, res) => {
      await adminAddChannel(d.db, viewer(res).user, bodyOf(req));
      res.redirect(303, '/inbox/admin?done=channel_saved#channels');
    }),
  );
  admin.post(
    '/channels/:platform/:externalId/deactivate',
    handle(async (req, res) => {
      await adminRemoveChannel(d.db, viewer(res).user, req.params.platform, String(req.params.externalId));
      res.redirect(303, '/inbox/admin?done=channel_removed#channels');
    }),
  );
  r.use('/admin', admin);

  r.use((_req, _res, next) => next(new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such page')));
  r.use(pageErrors);
  return r;
}

/**
 * A refused form goes back where it came from with the reason shown there; a refused page
 * is an error page. Unexpected errors go on to the app's handler (logged, 500).
 */
function pageErrors(err: unknown, req: Request, res: Response, next: NextFunction) {
  if (!(err instanceof InboxError)) return next(err);
  if (err.code === 'CB_ERR_UNAUTHENTICATED') return res.redirect(303, '/inbox/login');
  const back = req.get('referer');
  if (req.method === 'POST' && back) {
    try {
      const url = new URL(back);
      if (url.host === req.get('host') && url.pathname.startsWith('/inbox/')) {
        url.searchParams.delete('done');
        url.searchParams.set('error', err.code);
        return res.redirect(303, url.pathname + url.search);
      }
    } catch {
      // An unreadable Referer: fall through to the error page.
    }
  }
  const ctx = ctxOf(req, res);
  const tt = tr(ctx.locale);
  send(
    res,
    layout(ctx, tt(`error.${err.code}`), html`<h1>${tt(`error.${err.code}`)}</h1><p><a href="/inbox/cases">${tt('case.back')}</a></p>`),
    err.status,
  );
}
