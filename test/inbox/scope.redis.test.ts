import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/db.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, seedWorld, signedIn, type World, XSS } from './support.ts';

type UserKey = keyof World['users'];
type CaseKey = keyof World['cases'];

// Which user sees which case (200) — everything else must look like it does not exist (404).
const VISIBLE: Record<UserKey, CaseKey[]> = {
  staffA: ['a1', 'a2'],
  leaderA: ['a1', 'a2'],
  staffB: ['b1'],
  officerP: ['a1', 'a2', 'b1', 'protectedP'],
  officerQ: ['q1'],
  adminP: ['a1', 'a2', 'b1', 'protectedP'],
  // The installation's administrator runs the system and reads no case.
  sysAdmin: [],
};
// Who may act (the handling unit's staff): the rest get 403 (visible) or 404 (not visible).
const ACTS: Record<UserKey, CaseKey[]> = {
  staffA: ['a1', 'a2'],
  leaderA: ['a1', 'a2'],
  staffB: ['b1'],
  officerP: ['protectedP'],
  // q1 is routed to a commune of province Q: its officers oversee it, the commune handles it.
  officerQ: [],
  adminP: [],
  sysAdmin: [],
};

const USERNAMES: Record<UserKey, string> = {
  staffA: 'staff.a',
  leaderA: 'leader.a',
  staffB: 'staff.b',
  officerP: 'officer.p',
  officerQ: 'officer.q',
  adminP: 'admin.p',
  sysAdmin: 'sys.admin',
};
const USER_KEYS = Object.keys(USERNAMES) as UserKey[];
const CASE_KEYS: CaseKey[] = ['a1', 'a2', 'b1', 'protectedP', 'q1'];

describe.each(DB_KINDS)('inbox scoping on every endpoint (%s)', (kind) => {
  let h: TestRuntime;
  let world: World;
  const clients = {} as Record<UserKey, Client>;

  beforeAll(async () => {
    h = await startTestRuntime(kind, { roles: ['web'] });
    world = await seedWorld(h.t.db);
    for (const k of USER_KEYS) clients[k] = await signedIn(h.rt.url!, USERNAMES[k]);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('lists exactly the cases in each user’s scope', async () => {
    for (const k of USER_KEYS) {
      const { status, body } = await clients[k].json<{ items: { id: string }[] }>('GET', '/api/cases?status=all');
      expect(status).toBe(200);
      const expected = VISIBLE[k].map((c) => world.cases[c].id).sort();
      expect(body.items.map((i) => i.id).sort(), k).toEqual(expected);
    }
  });

  it('opens a case only in scope, on the API, the messages endpoint and the page', async () => {
    for (const u of USER_KEYS) {
      for (const c of CASE_KEYS) {
        const id = world.cases[c].id;
        const visible = VISIBLE[u].includes(c);
        const api = await clients[u].get(`/api/cases/${id}`);
        expect(api.status, `${u} GET /api/cases/${c}`).toBe(visible ? 200 : 404);
        const page = await clients[u].get(`/inbox/cases/${id}`);
        expect(page.status, `${u} page ${c}`).toBe(visible ? 200 : 404);
        const messages = await clients[u].get(`/api/cases/${id}/messages`);
        const readsConversation = visible && (c !== 'protectedP' || u === 'officerP');
        expect(messages.status, `${u} messages ${c}`).toBe(readsConversation ? 200 : visible ? 403 : 404);
      }
    }
  });

  it('lets only the handling unit’s staff act on a case', async () => {
    for (const u of USER_KEYS) {
      for (const c of CASE_KEYS) {
        const id = world.cases[c].id;
        const expected = ACTS[u].includes(c) ? 200 : VISIBLE[u].includes(c) ? 403 : 404;
        const note = await clients[u].json('POST', `/api/cases/${id}/notes`, { body: `ghi chú của ${u}` });
        expect(note.status, `${u} note on ${c}`).toBe(expected);
        const label = await clients[u].json('POST', `/api/cases/${id}/label`, { label: 'ung_xu' });
        expect(label.status, `${u} label on ${c}`).toBe(expected);
        const assign = await clients[u].json('POST', `/api/cases/${id}/assign`, { userId: null });
        expect(assign.status, `${u} assign on ${c}`).toBe(expected);
        if (expected !== 200) {
          const reply = await clients[u].json('POST', `/api/cases/${id}/reply`, { text: 'xin chào' });
          expect(reply.status, `${u} reply on ${c}`).toBe(expected);
          const status = await clients[u].json('POST', `/api/cases/${id}/status`, { status: 'in_progress' });
          expect(status.status, `${u} status on ${c}`).toBe(expected);
          const transfer = await clients[u].json('POST', `/api/cases/${id}/transfer`, { communeCode: '00025', reason: 'sai xã' });
          expect(transfer.status, `${u} transfer on ${c}`).toBe(expected);
        }
      }
    }
  });

  it('masks the reporter of a protected denunciation outside the handling unit, and audits every view', async () => {
    const id = world.cases.protectedP.id;
    const inside = await clients.officerP.json<{ reporter: { kind: string; phone?: string }; conversation: unknown }>(
      'GET',
      `/api/cases/${id}`,
    );
    expect(inside.body.reporter).toMatchObject({ kind: 'identified', phone: '0987654321' });
    const admin = await clients.adminP.json<{ reporter: { kind: string }; conversation: unknown }>('GET', `/api/cases/${id}`);
    expect(admin.body.reporter).toEqual({ kind: 'protected' });
    expect(admin.body.conversation).toBeNull();
    const page = await (await clients.adminP.get(`/inbox/cases/${id}`)).text();
    expect(page).not.toContain('0987654321');
    expect(page).not.toContain('Nguyễn Văn Dân');

    const audit = await h.t.db.query<{ actor: string; details: { fields: string[]; via: string } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'personal_data.viewed' AND entity_id = $1 ORDER BY id",
      [id],
    );
    const byOfficer = audit.filter((a) => a.actor === `user:${world.users.officerP.id}`);
    expect(byOfficer.some((a) => a.details.fields.includes('reporter_phone') && a.details.via === 'api')).toBe(true);
    const byAdmin = audit.filter((a) => a.actor === `user:${world.users.adminP.id}`);
    expect(byAdmin.length).toBeGreaterThanOrEqual(2);
    expect(byAdmin.every((a) => !a.details.fields.includes('reporter_phone'))).toBe(true);
  });

  it('shows a province officer an unprotected commune case read-only, with the reporter', async () => {
    const { body } = await clients.officerP.json<{ reporter: { kind: string }; can: { act: boolean } }>(
      'GET',
      `/api/cases/${world.cases.a1.id}`,
    );
    expect(body.reporter.kind).toBe('identified');
    expect(body.can.act).toBe(false);
  });

  it('shows a citizen’s <script> as text on the case page and in the queue', async () => {
    const page = await (await clients.staffA.get(`/inbox/cases/${world.cases.a1.id}`)).text();
    expect(page).not.toContain(XSS);
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    const queue = await (await clients.staffA.get('/inbox/cases')).text();
    expect(queue).not.toContain('<script>alert');
    expect(queue).toContain('&lt;script&gt;alert(');
  });

  it('keeps admin pages to admins and the queue dashboard to the system administrator', async () => {
    for (const u of USER_KEYS) {
      const expected = u === 'adminP' || u === 'sysAdmin' ? 200 : 403;
      const dashboard = u === 'sysAdmin' ? 200 : 403;
      for (const path of ['/api/admin/users', '/api/admin/channels', '/api/admin/units', '/api/admin/sla', '/api/admin/holidays?year=2026']) {
        expect((await clients[u].get(path)).status, `${u} ${path}`).toBe(expected);
      }
      expect((await clients[u].get('/inbox/admin')).status, `${u} admin page`).toBe(expected);
      expect((await clients[u].get('/inbox/admin/queues/')).status, `${u} bull-board`).toBe(dashboard);
      const board = await clients[u].get('/inbox/admin/queues/api/queues');
      expect(board.status, `${u} bull-board API`).toBe(dashboard);
      if (dashboard === 200) {
        const names = ((await board.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
        expect(names).toEqual(expect.arrayContaining(['inbound', 'outbound', 'timers', 'deadlines', 'digests']));
      }
      const create = await clients[u].json('POST', '/api/admin/users', {
        username: `made.by.${u.toLowerCase()}`,
        displayName: 'X',
        role: 'commune_staff',
        scopeKind: 'commune',
        scopeCode: '00004',
        password: 'mot-mat-khau-dai',
      });
      expect(create.status, `${u} creates a user`).toBe(expected === 200 ? 201 : 403);
    }
  });

  it('lets the queue dashboard change things only from its own pages (same origin)', async () => {
    const crossSite = await clients.sysAdmin.request('PUT', '/inbox/admin/queues/api/queues/timers/pause', {
      json: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await clients.sysAdmin.request('PUT', '/inbox/admin/queues/api/queues/timers/pause', { json: {} });
    expect(noOrigin.status).toBe(403);
    expect(await h.rt.queues.timers.isPaused()).toBe(false);
    const same = await clients.sysAdmin.request('PUT', '/inbox/admin/queues/api/queues/timers/pause', {
      json: {},
      headers: { origin: h.rt.url! },
    });
    expect(same.status).toBe(200);
    expect(await h.rt.queues.timers.isPaused()).toBe(true);
    await h.rt.queues.timers.resume();
  });

  it('refuses every API endpoint without a session', async () => {
    const anon = new (clients.staffA.constructor as typeof Client)(h.rt.url!);
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/cases'],
      ['GET', `/api/cases/${world.cases.a1.id}`],
      ['GET', `/api/cases/${world.cases.a1.id}/messages`],
      ['POST', `/api/cases/${world.cases.a1.id}/reply`],
      ['POST', `/api/cases/${world.cases.a1.id}/notes`],
      ['GET', '/api/canned'],
      ['GET', '/api/conversations'],
      ['POST', '/api/conversations/1/end-handoff'],
      ['GET', '/api/events'],
      ['GET', '/api/admin/users'],
      ['DELETE', '/api/session'],
    ] as const) {
      expect((await anon.request(method, path, method === 'GET' ? {} : { json: {} })).status, `${method} ${path}`).toBe(401);
    }
    const page = await anon.get('/inbox/cases');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/inbox/login?next=%2Finbox%2Fcases');
  });
});
