import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/cases/index.ts';
import { apiRouter } from '../../src/inbox/api.ts';
import { pagesRouter } from '../../src/inbox/pages-router.ts';
import { createUser, type Role, type UserScope } from '../../src/users/index.ts';
import { DB_KINDS } from '../support/db.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, makeCase, PASSWORD, signedIn } from './support.ts';

/**
 * The access matrix, generated from the inbox's own route tables (the JSON API's router and
 * the pages' router): every endpoint × every role × every relation to a protected case —
 * its handling unit, the accused unit, another commune, another province, the province of the
 * handling unit. A route the table below does not classify fails the test, so a new endpoint
 * cannot escape it. Outside a case's handling team no response may carry its reporter's name
 * or phone.
 */

interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; rawPath?: string };

function routesOf(router: Router, prefix: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (layer.route) {
      for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase(), path: prefix + layer.route.path });
    } else if (layer.handle?.stack && typeof layer.rawPath === 'string') {
      out.push(...routesOf(layer.handle as unknown as Router, prefix + layer.rawPath));
    }
  }
  return out;
}

/** What an endpoint is about, which decides who may use it. */
type Kind =
  | 'public' // sign-in and its page
  | 'self' // the signed-in user's own things, no case data
  | 'list' // lists filtered by scope: 200 for all, never a hidden case or reporter
  | 'case-read' // the case: handling team and overseers (reporter masked), nobody else
  | 'case-team' // the chat and every action on the case: its handling team only
  | 'letter' // a letter of the case: its handling team only
  | 'conversation' // the chat with the citizen: its handling team only
  | 'admin' // administration, scoped to the administrator's reach
  | 'stream'; // live events: proven by test/inbox/reporter-protection.redis.test.ts

const KINDS: Record<string, Kind> = {
  'GET /api/openapi.json': 'public',
  'POST /api/session': 'public',
  'DELETE /api/session': 'self',
  'GET /api/me': 'self',
  'POST /api/me/password': 'self',
  'GET /api/cases': 'list',
  'GET /api/cases/:id': 'case-read',
  'GET /api/cases/:id/messages': 'case-team',
  'POST /api/cases/:id/reply': 'case-team',
  'POST /api/cases/:id/status': 'case-team',
  'POST /api/cases/:id/notes': 'case-team',
  'POST /api/cases/:id/assign': 'case-team',
  'POST /api/cases/:id/label': 'case-team',
  'POST /api/cases/:id/transfer': 'case-team',
  'POST /api/cases/:id/extend': 'case-team',
  'POST /api/cases/:id/kind': 'case-team',
  'POST /api/cases/:id/letters': 'case-team',
  'PATCH /api/letters/:id': 'letter',
  'POST /api/letters/:id/sign': 'letter',
  'GET /api/letters/:id/docx': 'letter',
  'GET /api/conversations': 'list',
  'GET /api/conversations/:id': 'conversation',
  'POST /api/conversations/:id/reply': 'conversation',
  'POST /api/conversations/:id/end-handoff': 'conversation',
  'GET /api/canned': 'list',
  'POST /api/canned': 'self',
  'DELETE /api/canned/:id': 'self',
  'GET /api/notifications': 'list',
  'POST /api/notifications/read-all': 'self',
  'POST /api/notifications/:id/read': 'self',
  'GET /api/events': 'stream',
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:id': 'admin',
  'GET /api/admin/channels': 'admin',
  'POST /api/admin/channels': 'admin',
  'DELETE /api/admin/channels/:platform/:externalId': 'admin',
  'GET /api/admin/units': 'admin',
  'GET /api/admin/sla': 'admin',
  'GET /api/admin/holidays': 'admin',
  'GET /inbox/': 'self',
  'GET /inbox/login': 'public',
  'POST /inbox/login': 'public',
  'GET /inbox/password': 'self',
  'POST /inbox/password': 'self',
  'POST /inbox/logout': 'self',
  'GET /inbox/cases': 'list',
  'GET /inbox/cases/:id': 'case-read',
  'GET /inbox/conversations/:id': 'conversation',
  'POST /inbox/conversations/:id/reply': 'conversation',
  'POST /inbox/conversations/:id/end-handoff': 'conversation',
  'POST /inbox/cases/:id/reply': 'case-team',
  'POST /inbox/cases/:id/status': 'case-team',
  'POST /inbox/cases/:id/notes': 'case-team',
  'POST /inbox/cases/:id/assign': 'case-team',
  'POST /inbox/cases/:id/label': 'case-team',
  'POST /inbox/cases/:id/transfer': 'case-team',
  'POST /inbox/cases/:id/extend': 'case-team',
  'POST /inbox/cases/:id/kind': 'case-team',
  'POST /inbox/cases/:id/letters': 'case-team',
  'POST /inbox/letters/:id': 'letter',
  'POST /inbox/letters/:id/sign': 'letter',
  'GET /inbox/letters/:id/docx': 'letter',
  'GET /inbox/notifications': 'list',
  'POST /inbox/notifications/read-all': 'self',
  'POST /inbox/notifications/:id/read': 'self',
  'POST /inbox/notifications/:id/open': 'self',
  'GET /inbox/canned': 'list',
  'POST /inbox/canned': 'self',
  'POST /inbox/canned/:id/delete': 'self',
  'GET /inbox/admin/': 'admin',
  'POST /inbox/admin/users': 'admin',
  'POST /inbox/admin/users/:id/active': 'admin',
  'POST /inbox/admin/channels': 'admin',
  'POST /inbox/admin/channels/:platform/:externalId/deactivate': 'admin',
};

/** A body that would do something if allowed (so a refusal proves nothing happened). */
const BODIES: Record<string, Record<string, string | boolean>> = {
  reply: { text: 'Chào anh, cán bộ xin liên hệ lại.' },
  status: { status: 'in_progress' },
  notes: { body: 'Ghi chú nội bộ' },
  assign: { userId: '' },
  label: { label: 'quan_lieu' },
  transfer: { communeCode: '00008', reason: 'Chuyển đúng địa bàn' },
  extend: { newDue: '2099-12-30', reason: 'Cần xác minh thêm' },
  'end-handoff': {},
  letters: {},
};

const P = '01';
const X = FAKE.commune; // the accused commune, owner of the Page
const Y = '00008'; // another commune of province 01
const Q = '04';

type UserKey = 'officerP' | 'adminP' | 'staffX' | 'leaderX' | 'adminX' | 'staffY' | 'leaderY' | 'officerQ' | 'adminQ' | 'sys';
const USERS: Record<UserKey, [Role, UserScope]> = {
  officerP: ['province_officer', { kind: 'province', code: P }],
  adminP: ['admin', { kind: 'province', code: P }],
  staffX: ['commune_staff', { kind: 'commune', code: X }],
  leaderX: ['commune_leader', { kind: 'commune', code: X }],
  adminX: ['admin', { kind: 'commune', code: X }],
  staffY: ['commune_staff', { kind: 'commune', code: Y }],
  leaderY: ['commune_leader', { kind: 'commune', code: Y }],
  officerQ: ['province_officer', { kind: 'province', code: Q }],
  adminQ: ['admin', { kind: 'province', code: Q }],
  sys: ['system_admin', { kind: 'province', code: P }],
};
const USER_KEYS = Object.keys(USERS) as UserKey[];

/**
 * Two protected cases, both from the Page of commune X:
 * - `toProvince`: a denunciation of X's chairman; handled by province 01; X is the accused unit.
 * - `toCommune`: a denunciation of officials of commune Y, handled by Y; province 01 oversees.
 * For each, who is its handling team, who oversees it (sees it, reporter masked), and the
 * relation of every other user (for the report of a failure).
 */
const CASES = {
  toProvince: {
    reporter: { name: 'Phạm Văn Khải', phone: '0903111222', secret: /Khải|0903[\s.-]?111[\s.-]?222/ },
    team: ['officerP'] as UserKey[],
    overseers: ['adminP'] as UserKey[],
    relation: {
      officerP: 'handling unit',
      adminP: 'handling unit (administrator)',
      staffX: 'accused unit',
      leaderX: 'accused unit',
      adminX: 'accused unit (administrator)',
      staffY: 'other commune',
      leaderY: 'other commune',
      officerQ: 'other province',
      adminQ: 'other province',
      sys: 'installation',
    } as Record<UserKey, string>,
  },
  toCommune: {
    reporter: { name: 'Lê Thị Tố Nga', phone: '0912000333', secret: /Tố Nga|Nga\b|0912[\s.-]?000[\s.-]?333/ },
    team: ['staffY', 'leaderY'] as UserKey[],
    overseers: ['officerP', 'adminP'] as UserKey[],
    relation: {
      staffY: 'handling unit',
      leaderY: 'handling unit',
      officerP: 'province of the handling unit',
      adminP: 'province of the handling unit',
      staffX: 'other commune',
      leaderX: 'other commune',
      adminX: 'other commune',
      officerQ: 'other province',
      adminQ: 'other province',
      sys: 'installation',
    } as Record<UserKey, string>,
  },
} as const;
type CaseKey = keyof typeof CASES;

const ADMINS: UserKey[] = ['adminP', 'adminX', 'adminQ', 'sys'];

describe.each(DB_KINDS)('access matrix from the route tables (%s)', (kind) => {
  let h: TestRuntime;
  const clients = {} as Record<UserKey, Client>;
  const ids = {} as Record<CaseKey, { case: CaseRecord; conversation: string; letter: string }>;
  const routes = [...routesOf(apiRouter({} as never), '/api'), ...routesOf(pagesRouter({} as never), '/inbox')];

  beforeAll(async () => {
    h = await startTestRuntime(kind, { roles: ['web'] });
    for (const k of USER_KEYS) {
      const [role, scope] = USERS[k];
      await createUser(h.t.db, { username: k.toLowerCase(), displayName: `Cán bộ ${k}`, role, scope, password: PASSWORD });
    }
    const made = {
      toProvince: await makeCase(h.t.db, 'PSID-MATRIX-1', {
        description: 'Chủ tịch phường nhận phong bì khi ký giấy',
        routedTo: { kind: 'province', code: P },
        identityProtected: true,
        identified: true,
        phone: CASES.toProvince.reporter.phone,
        classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: true, needsReview: false },
      }),
      toCommune: await makeCase(h.t.db, 'PSID-MATRIX-2', {
        description: 'Cán bộ địa chính phường Ngọc Hà đòi tiền',
        communeCode: Y,
        routedTo: { kind: 'commune', code: Y },
        identityProtected: true,
        identified: true,
        phone: CASES.toCommune.reporter.phone,
        classification: { label: 'tham_nhung', labels: ['tham_nhung'], confidence: 0.9, targetsLeader: false, needsReview: false },
      }),
    };
    for (const key of Object.keys(CASES) as CaseKey[]) {
      const c = made[key];
      await h.t.db.query('UPDATE cases SET reporter_name = $2 WHERE id = $1', [c.id, CASES[key].reporter.name]);
      // The citizen waits for a person, and wrote their name and phone in the chat.
      await h.t.db.query(`UPDATE conversations SET state = jsonb_build_object('mode', 'handoff') WHERE id = $1`, [c.conversationId]);
      await h.t.db.query(
        `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status, occurred_at)
         VALUES ($1, 'in', $2, $3, 'processed', now())`,
        [c.conversationId, `in:matrix:${c.id}`, JSON.stringify({ content: { type: 'text', text: `Tôi là ${CASES[key].reporter.name}, ${CASES[key].reporter.phone}` } })],
      );
      const [letter] = await h.t.db.query<{ id: string }>(
        `INSERT INTO letters (case_id, subject, status, fields, issuer_kind, issuer_code, created_at, updated_at)
         VALUES ($1, 'late_answer', 'draft', $2, $3, $4, now(), now()) RETURNING id::text AS id`,
        [c.id, JSON.stringify({ recipient: { name: CASES[key].reporter.name } }), c.routedTo.kind, c.routedTo.code],
      );
      ids[key] = { case: c, conversation: c.conversationId, letter: letter!.id };
    }
    for (const k of USER_KEYS) clients[k] = await signedIn(h.rt.url!, k.toLowerCase());
    // The handling teams write about the reporter, by name, in replies and notes.
    for (const key of Object.keys(CASES) as CaseKey[]) {
      const team = clients[CASES[key].team[0]!];
      const { name, phone } = CASES[key].reporter;
      expect((await team.json('POST', `/api/cases/${ids[key].case.id}/notes`, { body: `Đã gọi ${name}, ${phone}` })).status).toBe(200);
      expect((await team.json('POST', `/api/cases/${ids[key].case.id}/reply`, { text: `Chào ${name}, xin giữ máy ${phone}` })).status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('classifies every route of both route tables', () => {
    const unknown = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in KINDS));
    expect(unknown).toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
  });

  /** The concrete request of a route for one case. */
  function requestFor(r: RouteEntry, key: CaseKey, c: Client) {
    const fill = r.path
      .replace(':id', r.path.includes('/letters/') ? ids[key].letter : r.path.includes('/conversations/') ? ids[key].conversation : ids[key].case.id)
      .replace(':platform', 'messenger')
      .replace(':externalId', FAKE.pageId);
    const action = r.path.split('/').at(-1)!;
    const body = BODIES[action] ?? {};
    if (r.method === 'GET') return c.request('GET', fill);
    if (fill.startsWith('/inbox/')) {
      const form = Object.fromEntries(Object.entries({ ...body, _csrf: c.csrf }).map(([k, v]) => [k, String(v)]));
      return c.request(r.method, fill, { form });
    }
    return c.request(r.method, fill, { json: body });
  }

  it('lets only the handling team reach a protected case’s chat, actions and letters; overseers see it masked; nobody else learns it exists', async () => {
    const failures: string[] = [];
    for (const key of Object.keys(CASES) as CaseKey[]) {
      const spec = CASES[key];
      for (const r of routes) {
        const kindOf = KINDS[`${r.method} ${r.path}`]!;
        if (!['case-read', 'case-team', 'letter', 'conversation'].includes(kindOf)) continue;
        for (const u of USER_KEYS) {
          const team = spec.team.includes(u);
          if (team && r.method !== 'GET') continue; // what the team may do is proven by the workflow tests
          const res = await requestFor(r, key, clients[u]);
          const text = await res.text();
          const where = `${r.method} ${r.path} as ${u} (${spec.relation[u]}) on ${key}`;
          const allowed = team || (kindOf === 'case-read' && spec.overseers.includes(u));
          // A refusal: 403/404 (the page router answers a refused form with its error page).
          const refused = res.status === 403 || res.status === 404;
          // Allowed: past the access check (a letter drafted by hand may still be refused as incomplete).
          if (allowed && (refused || res.status >= 500)) failures.push(`${where}: expected access, got ${res.status}`);
          if (allowed && kindOf === 'case-read' && res.status !== 200) failures.push(`${where}: expected 200, got ${res.status}`);
          if (!allowed && !refused) failures.push(`${where}: expected a refusal, got ${res.status}`);
          if (!team && spec.reporter.secret.test(text.normalize('NFC'))) failures.push(`${where}: response names the reporter`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every list, page and administration endpoint without a trace of a reporter outside the handling team', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const kindOf = KINDS[`${r.method} ${r.path}`]!;
      if (r.method !== 'GET' || !['list', 'self', 'admin'].includes(kindOf)) continue;
      for (const u of USER_KEYS) {
        const res = await requestFor(r, 'toProvince', clients[u]);
        const text = (await res.text()).normalize('NFC');
        const where = `${r.path} as ${u}`;
        if (kindOf === 'admin') {
          const expected = ADMINS.includes(u) ? 200 : 403;
          if (res.status !== expected) failures.push(`${where}: expected ${expected}, got ${res.status}`);
        } else if (res.status !== 200 && res.status !== 303) {
          failures.push(`${where}: expected 200, got ${res.status}`);
        }
        for (const key of Object.keys(CASES) as CaseKey[]) {
          if (CASES[key].team.includes(u)) continue;
          if (CASES[key].reporter.secret.test(text)) failures.push(`${where}: names the reporter of ${key} (${CASES[key].relation[u]})`);
          if (kindOf === 'list' && r.path.includes('conversations') && text.includes(`"id":"${ids[key].conversation}"`)) {
            failures.push(`${where}: lists the conversation of ${key}`);
          }
        }
      }
    }
    // The accused unit does not even see the case in its queue.
    for (const u of ['staffX', 'leaderX', 'adminX'] as const) {
      const queue = await clients[u].json<{ items: { id: string }[] }>('GET', '/api/cases?status=all');
      if (queue.body.items.some((i) => i.id === ids.toProvince.case.id)) failures.push(`${u} lists the case about X's chairman`);
    }
    expect(failures).toEqual([]);
  });

  it('leaves the citizens’ conversations untouched by every refused attempt', async () => {
    for (const key of Object.keys(CASES) as CaseKey[]) {
      // Only the handling team's own reply went out; nothing from anyone else.
      const out = await h.t.db.query<{ n: string }>("SELECT count(*)::text AS n FROM messages WHERE conversation_id = $1 AND direction = 'out'", [
        ids[key].conversation,
      ]);
      expect(Number(out[0]!.n), key).toBe(1);
      const [row] = await h.t.db.query<{ routed_to_code: string; status: string }>('SELECT routed_to_code, status FROM cases WHERE id = $1', [
        ids[key].case.id,
      ]);
      expect(row, key).toEqual({ routed_to_code: ids[key].case.routedTo.code, status: 'in_progress' });
    }
  });
});
