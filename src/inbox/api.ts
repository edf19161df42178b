import express, { type Request, type Response, Router } from 'express';
import {
  accountJson,
  adminAddChannel,
  adminCreateUser,
  adminListChannels,
  adminListUsers,
  adminParseEmail,
  adminRemoveChannel,
  adminSetUserActive,
  adminSetUserEmail,
  holidayTable,
  servedUnits,
  slaTable,
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
import { type ChangeHub, mayHear } from './events.ts';
import { parseQueueFilter } from './filters.ts';
import {
  bodyOf,
  clearCookie,
  clientIp,
  handle,
  requireCsrf,
  requireOwnPassword,
  requireViewer,
  SESSION_COOKIE,
  setCookie,
  str,
  viewerOf,
} from './http.ts';
import { caseViewJson, userJson } from './json.ts';
import { draftLetter, editLetter, extendCase, letterDocx, signLetter } from './letters.ts';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  unreadNotifications,
} from './notifications.ts';
import { openApiDocument } from './openapi.ts';
import { canReadConversation, isAdmin } from './policy.ts';
import { vietnamToday } from './today.ts';
import { conversationLines, conversationScope, listCanned, listQueue, queueCounts, visibleCase } from './queries.ts';

export interface ApiDeps extends ActionDeps, AuthDeps, ChatDeps {
  readonly hub: ChangeHub;
  readonly publicUrl: string | undefined;
  readonly sseHeartbeatMs: number;
  readonly publishNotification: (userId: string) => Promise<void>;
}

function requireAdmin(_req: Request, res: Response, next: (err?: unknown) => void) {
  if (isAdmin(viewerOf(res).user)) return next();
  next(new InboxError('CB_ERR_FORBIDDEN', 'administrators only'));
}

/** The JSON API under /api: the same rules as the pages, which call the same functions. */
export function apiRouter(d: ApiDeps): Router {
  const r = Router();
  r.use(express.json({ limit: '64kb' }));

  r.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  r.post(
    '/session',
    handle(async (req, res) => {
      // JSON only: a cross-site HTML form cannot send it without a CORS preflight we never grant.
      if (!req.is('application/json')) throw new InboxError('CB_ERR_INVALID_INPUT', 'send JSON');
      const b = bodyOf(req);
      const s = await signIn(d, clientIp(req), str(b.username), str(b.password));
      setCookie(req, res, d.publicUrl, SESSION_COOKIE, s.sessionId);
      res.json({ user: userJson(s.user), csrfToken: s.csrf });
    }),
  );

  r.use(requireViewer, requireCsrf);
  r.use(
    requireOwnPassword(
      (req) =>
        (req.method === 'GET' && req.path === '/me') ||
        (req.method === 'POST' && req.path === '/me/password') ||
        (req.method === 'DELETE' && req.path === '/session'),
    ),
  );

  r.delete(
    '/session',
    handle(async (_req, res) => {
      await d.sessions.destroy(viewerOf(res).sessionId);
      clearCookie(res, SESSION_COOKIE);
      res.status(204).end();
    }),
  );
  r.get('/me', (_req, res) => {
    const v = viewerOf(res);
    res.json({ user: userJson(v.user), csrfToken: v.csrf });
  });
  r.post(
    '/me/password',
    handle(async (req, res) => {
      const b = bodyOf(req);
      const out = await changeOwnPassword(d, viewerOf(res), clientIp(req), str(b.currentPassword), str(b.newPassword));
      res.json(out);
    }),
  );

  r.get(
    '/cases',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      const filter = parseQueueFilter(req.query as Record<string, unknown>);
      const [items, counts] = await Promise.all([listQueue(d.db, user, filter), queueCounts(d.db, user)]);
      res.json({ items, counts, filter });
    }),
  );
  r.get(
    '/cases/:id',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      const c = await visibleCase(d.db, user, String(req.params.id));
      if (!c) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
      res.json(caseViewJson(await loadCaseView(d.db, user, c, { channel: 'api', ip: clientIp(req) })));
    }),
  );
  r.get(
    '/cases/:id/messages',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      const c = await visibleCase(d.db, user, String(req.params.id));
      if (!c) throw new InboxError('CB_ERR_CASE_NOT_FOUND');
      const scope = await conversationScope(d.db, c.conversationId);
      if (!scope || !canReadConversation(user, scope)) throw new InboxError('CB_ERR_FORBIDDEN');
      res.json({ messages: await conversationLines(d.db, c.conversationId) });
    }),
  );
  const caseAction = (fn: (req: Request, caseId: string, res: Response) => Promise<unknown>) =>
    handle(async (req, res) => {
      const out = await fn(req, String(req.params.id), res);
      res.json(out ?? { ok: true });
    });
  r.post(
    '/cases/:id/reply',
    caseAction(async (req, id, res) => {
      const b = bodyOf(req);
      const out = await replyToCitizen(d, viewerOf(res).user, id, { text: str(b.text), asAnswer: b.asAnswer === true });
      return { status: out.case.status, outcome: out.outcome };
    }),
  );
  r.post(
    '/cases/:id/status',
    caseAction(async (req, id, res) => {
      const b = bodyOf(req);
      const c = await setStatus(d, viewerOf(res).user, id, str(b.status), str(b.note) || null);
      return { status: c.status };
    }),
  );
  r.post(
    '/cases/:id/notes',
    caseAction((req, id, res) => addNote(d, viewerOf(res).user, id, str(bodyOf(req).body))),
  );
  r.post(
    '/cases/:id/assign',
    caseAction((req, id, res) => {
      const u = bodyOf(req).userId;
      return assignCase(d, viewerOf(res).user, id, typeof u === 'string' && u ? u : null);
    }),
  );
  r.post(
    '/cases/:id/label',
    caseAction((req, id, res) => correctLabel(d, viewerOf(res).user, id, str(bodyOf(req).label))),
  );
  r.post(
    '/cases/:id/kind',
    caseAction((req, id, res) => changeKind(d, viewerOf(res).user, id, { kind: str(bodyOf(req).kind), reason: str(bodyOf(req).reason) })),
  );
  r.post(
    '/cases/:id/transfer',
    caseAction(async (req, id, res) => {
      const b = bodyOf(req);
      const c = await transfer(d, viewerOf(res).user, id, str(b.communeCode), str(b.reason));
      return { routedTo: c.routedTo };
    }),
  );

  r.post(
    '/cases/:id/extend',
    caseAction(async (req, id, res) => {
      const b = bodyOf(req);
      return extendCase(d, viewerOf(res).user, id, { newDue: str(b.newDue), reason: str(b.reason) });
    }),
  );
  r.post(
    '/cases/:id/letters',
    handle(async (req, res) => {
      res.status(201).json(await draftLetter(d, viewerOf(res).user, String(req.params.id)));
    }),
  );
  r.patch(
    '/letters/:id',
    handle(async (req, res) => {
      res.json(await editLetter(d, viewerOf(res).user, String(req.params.id), bodyOf(req)));
    }),
  );
  r.post(
    '/letters/:id/sign',
    handle(async (req, res) => {
      res.json(await signLetter(d, viewerOf(res).user, String(req.params.id)));
    }),
  );
  r.get(
    '/letters/:id/docx',
    handle(async (req, res) => {
      const out = await letterDocx(d, viewerOf(res).user, String(req.params.id), { channel: 'api', ip: clientIp(req) });
      res.attachment(out.name).type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(out.docx);
    }),
  );

  r.get(
    '/conversations',
    handle(async (_req, res) => {
      res.json({ items: await listWaiting(d.db, viewerOf(res).user) });
    }),
  );
  r.get(
    '/conversations/:id',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      res.json(await loadConversationView(d.db, user, String(req.params.id), { channel: 'api', ip: clientIp(req) }));
    }),
  );
  r.post(
    '/conversations/:id/reply',
    handle(async (req, res) => {
      res.json(await chatInConversation(d, viewerOf(res).user, String(req.params.id), str(bodyOf(req).text)));
    }),
  );
  r.post(
    '/conversations/:id/end-handoff',
    handle(async (req, res) => {
      res.status(202).json(await endHandoff(d, viewerOf(res).user, String(req.params.id)));
    }),
  );

  r.get(
    '/canned',
    handle(async (_req, res) => {
      res.json({ items: await listCanned(d.db, viewerOf(res).user.scope) });
    }),
  );
  r.post(
    '/canned',
    handle(async (req, res) => {
      const b = bodyOf(req);
      res.status(201).json({ id: await createCanned(d, viewerOf(res).user, { title: str(b.title), body: str(b.body) }) });
    }),
  );
  r.delete(
    '/canned/:id',
    handle(async (req, res) => {
      await removeCanned(d, viewerOf(res).user, String(req.params.id));
      res.status(204).end();
    }),
  );

  r.get(
    '/notifications',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      const limit = Number(req.query.limit ?? 50);
      const [items, unread] = await Promise.all([
        listNotifications(d.db, user, { unreadOnly: req.query.unread === '1' || req.query.unread === 'true', limit: Number.isFinite(limit) ? limit : 50 }),
        unreadNotifications(d.db, user),
      ]);
      res.json({ items, unread });
    }),
  );
  r.post(
    '/notifications/read-all',
    handle(async (_req, res) => {
      const user = viewerOf(res).user;
      const marked = await readAllNotifications(d, user);
      res.json({ marked, unread: await unreadNotifications(d.db, user) });
    }),
  );
  r.post(
    '/notifications/:id/read',
    handle(async (req, res) => {
      const user = viewerOf(res).user;
      await readNotification(d, user, String(req.params.id));
      res.json({ ok: true, unread: await unreadNotifications(d.db, user) });
    }),
  );

  r.get('/events', (req, res) => streamEvents(d, req, res));

  const admin = Router();
  admin.use(requireAdmin);
  admin.get(
    '/users',
    handle(async (_req, res) => {
      res.json({ items: (await adminListUsers(d.db, viewerOf(res).user)).map(userJson) });
    }),
  );
  admin.post(
    '/users',
    handle(async (req, res) => {
      res.status(201).json(userJson(await adminCreateUser(d.db, viewerOf(res).user, bodyOf(req))));
    }),
  );
  admin.patch(
    '/users/:id',
    handle(async (req, res) => {
      const b = bodyOf(req);
      const id = String(req.params.id);
      if (b.active === undefined && b.email === undefined) throw new InboxError('CB_ERR_INVALID_INPUT', 'send active or email');
      if (b.active !== undefined && typeof b.active !== 'boolean') throw new InboxError('CB_ERR_INVALID_INPUT', 'active must be true or false');
      // Both are checked before either is written.
      if (b.email !== undefined) adminParseEmail(b.email);
      let user = typeof b.active === 'boolean' ? await adminSetUserActive(d.db, viewerOf(res).user, id, b.active) : null;
      if (b.email !== undefined) user = await adminSetUserEmail(d.db, viewerOf(res).user, id, b.email);
      res.json(userJson(user!));
    }),
  );
  admin.get(
    '/channels',
    handle(async (_req, res) => {
      res.json({ items: (await adminListChannels(d.db, viewerOf(res).user)).map(accountJson) });
    }),
  );
  admin.post(
    '/channels',
    handle(async (req, res) => {
      res.status(201).json(accountJson(await adminAddChannel(d.db, viewerOf(res).user, bodyOf(req))));
    }),
  );
  admin.delete(
    '/channels/:platform/:externalId',
    handle(async (req, res) => {
      await adminRemoveChannel(d.db, viewerOf(res).user, req.params.platform, String(req.params.externalId));
      res.status(204).end();
    }),
  );
  admin.get(
    '/units',
    handle(async (_req, res) => {
      res.json({ items: await servedUnits(d.db, viewerOf(res).user, vietnamToday()) });
    }),
  );
  admin.get('/sla', (_req, res) => {
    res.json({ items: slaTable() });
  });
  admin.get('/holidays', (req, res) => {
    res.json(holidayTable(Number(req.query.year ?? new Date().getUTCFullYear())));
  });
  r.use('/admin', admin);

  r.use((_req, _res, next) => next(new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such API endpoint')));
  return r;
}

/**
 * Server-sent events: one `case` event per change the viewer may see. The page re-reads
 * what it shows; the event itself carries only the case id.
 */
function streamEvents(d: ApiDeps, req: Request, res: Response) {
  const { user, sessionId } = viewerOf(res);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const unsubscribe = d.hub.subscribe(
    user,
    (change) => {
      if (!mayHear(user, change)) return;
      const data =
        change.type === 'case'
          ? { caseId: change.caseId, reason: change.reason }
          : change.type === 'conversation'
            ? { conversationId: change.conversationId }
            : {};
      d.sessions.alive(sessionId).then(
        (alive) => (alive ? res.write(`event: ${change.type}\ndata: ${JSON.stringify(data)}\n\n`) : res.end()),
        () => res.end(),
      );
    },
    () => res.end(),
  );
  // Each beat checks the session: a password change, a sign-out or a disabled account ends the
  // stream too, not only the next ordinary request.
  const beat = setInterval(() => {
    d.sessions.alive(sessionId).then(
      (alive) => (alive ? res.write(': keep-alive\n\n') : res.end()),
      () => res.write(': keep-alive\n\n'),
    );
  }, d.sseHeartbeatMs);
  req.on('close', () => {
    clearInterval(beat);
    unsubscribe();
  });
}
