import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type Role, type UserScope } from '../../src/users/index.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS } from '../support/db.ts';
import { eventually, FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, PASSWORD, signedIn } from './support.ts';

/**
 * The attack, end to end: a citizen denounces the chairman of commune X on X's own
 * Page. The case goes to the province with the reporter's identity protected; X's staff and
 * leaders must find no trace of the reporter anywhere, be unable to reach them, and the citizen
 * must be told that the province body will handle it.
 */

const REPORTER = { name: 'Phạm Văn Khải', phone: '0903111222' };
const X = { kind: 'commune', code: FAKE.commune } as const; // Phường Ba Đình, the Page's owner
const P = { kind: 'province', code: '01' } as const; // Hà Nội

/** The live event stream of one signed-in user, collected until closed. */
class EventTap {
  readonly events: { type: string; data: Record<string, unknown> }[] = [];
  readonly #abort = new AbortController();
  #buffer = '';

  static async open(base: string, client: Client): Promise<EventTap> {
    const tap = new EventTap();
    const res = await fetch(`${base}/api/events`, { headers: { cookie: client.cookieHeader() }, signal: tap.#abort.signal });
    expect(res.status).toBe(200);
    void tap.#read(res.body!);
    return tap;
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.#buffer += decoder.decode(chunk, { stream: true });
        let end = this.#buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = this.#buffer.slice(0, end);
          this.#buffer = this.#buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) this.events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
          end = this.#buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  }

  close(): void {
    this.#abort.abort();
  }
}

describe.each(DB_KINDS)('a denunciation of commune X’s chairman sent to X’s own Page (%s)', (kind) => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  let citizen: WebhookCitizen;
  const said: string[] = [];
  let caseId = '';
  let conversationId = '';
  const clients = {} as Record<'staffX' | 'leaderX' | 'officerP' | 'adminP', Client>;

  async function user(username: string, role: Role, scope: UserScope) {
    await createUser(h.t.db, { username, displayName: `Cán bộ ${username}`, role, scope, password: PASSWORD });
    return signedIn(h.rt.url!, username);
  }

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime(kind, { inbox: { watchEveryMs: 100 } });
    clients.staffX = await user('staff.x', 'commune_staff', X);
    clients.leaderX = await user('leader.x', 'commune_leader', X);
    clients.officerP = await user('officer.p', 'province_officer', P);
    clients.adminP = await user('admin.p', 'admin', P);
    citizen = new WebhookCitizen(h, inbox, 'messenger', `PSID-DENOUNCE-${kind}`);
    for (const text of [
      'Chủ tịch phường nhận phong bì của dân khi ký giấy xác nhận đất',
      '1',
      'sáng thứ hai tuần trước',
      'Đồng ý',
      `${REPORTER.name}, ${REPORTER.phone}`,
      'Gửi phản ánh',
    ]) {
      said.push(await citizen.say(text));
    }
    const [row] = await h.t.db.query<{ id: string; conversation_id: string }>(
      'SELECT id::text AS id, conversation_id::text AS conversation_id FROM cases ORDER BY id DESC LIMIT 1',
    );
    caseId = row!.id;
    conversationId = row!.conversation_id;
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('routes the case to the province with the reporter protected', async () => {
    const [row] = await h.t.db.query<Record<string, unknown>>('SELECT * FROM cases WHERE id = $1', [caseId]);
    expect(row).toMatchObject({ routed_to_kind: 'province', routed_to_code: '01', identity_protected: true, reporter_name: REPORTER.name });
  });

  it('tells the citizen the province body will handle it, never the accused commune', () => {
    // The answer to the time of the events is the consent question (the one that names who will reply).
    const consent = said[2]!.normalize('NFC');
    expect(consent).toContain('Xin phép anh/chị');
    expect(consent).toContain('Ban Tiếp công dân thành phố Hà Nội');
    expect(consent).not.toContain('phường Ba Đình');
    const thanks = said.at(-1)!.normalize('NFC');
    expect(thanks).toContain('Ban Tiếp công dân thành phố Hà Nội sẽ xem xét');
    expect(thanks).not.toContain('phường Ba Đình');
  });

  it('gives the accused commune no way into the conversation, while the province handles it', async () => {
    const handoff = (await citizen.say('gặp cán bộ')).normalize('NFC');
    expect(handoff).not.toContain('phường Ba Đình');
    for (const k of ['staffX', 'leaderX'] as const) {
      const c = clients[k];
      expect((await c.get(`/api/conversations/${conversationId}`)).status, k).toBe(404);
      expect((await c.get(`/inbox/conversations/${conversationId}`)).status, k).toBe(404);
      expect((await c.json('POST', `/api/conversations/${conversationId}/reply`, { text: 'Anh Khải ơi' })).status, k).toBe(404);
      expect((await c.json('POST', `/api/conversations/${conversationId}/end-handoff`)).status, k).toBe(404);
      const waiting = await c.json<{ items: { id: string }[] }>('GET', '/api/conversations');
      expect(waiting.body.items.map((i) => i.id), k).not.toContain(conversationId);
      const queue = await (await c.get('/inbox/cases')).text();
      expect(queue, k).not.toContain(`/inbox/conversations/${conversationId}`);
      expect(queue, k).not.toContain('Khải');
      expect((await c.get(`/api/cases/${caseId}`)).status, k).toBe(404);
      expect((await c.get(`/api/cases/${caseId}/messages`)).status, k).toBe(404);
    }
    // The hand-off request lands with the handling unit.
    const waiting = await clients.officerP.json<{ items: { id: string }[] }>('GET', '/api/conversations');
    expect(waiting.body.items.map((i) => i.id)).toContain(conversationId);
    const view = await clients.officerP.json<{ lines: unknown[] }>('GET', `/api/conversations/${conversationId}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).toContain(REPORTER.name);
    // A province administrator oversees, but is not the handling team: no reporter for them.
    expect((await clients.adminP.get(`/api/conversations/${conversationId}`)).status).toBe(404);
    const sent = await clients.officerP.json<{ messageIds: string[] }>('POST', `/api/conversations/${conversationId}/reply`, {
      text: 'Ban Tiếp công dân đã nhận, xin anh chờ ạ.',
    });
    expect(sent.status).toBe(200);
    await eventually(() => inbox.of(citizen.userRef).some((t) => t.includes('Ban Tiếp công dân đã nhận')));
  });

  it('masks the reporter in replies, notes and history for whoever is outside the handling team', async () => {
    const officer = clients.officerP;
    const greet = await officer.json('POST', `/api/cases/${caseId}/reply`, {
      text: 'Chào anh Khải, Ban đã nhận tố cáo; xin anh giữ máy 0903 111 222 để chúng tôi liên hệ.',
    });
    expect(greet.status).toBe(200);
    expect((await officer.json('POST', `/api/cases/${caseId}/notes`, { body: 'Đã gọi anh Phạm Văn Khải, 0903111222' })).status).toBe(200);
    // The handling team sees it all.
    const own = JSON.stringify((await officer.json('GET', `/api/cases/${caseId}`)).body);
    expect(own).toContain('Đã gọi anh Phạm Văn Khải');
    // The province's administrator oversees the case but is not its team.
    const api = await clients.adminP.json<{ activity: { kind: string; body: string | null }[] }>('GET', `/api/cases/${caseId}`);
    expect(api.status).toBe(200);
    expect(api.body.activity.map((a) => a.kind)).toContain('reply_sent');
    expect(api.body.activity.map((a) => a.kind)).not.toContain('note');
    const page = await (await clients.adminP.get(`/inbox/cases/${caseId}`)).text();
    for (const shown of [JSON.stringify(api.body), page]) {
      expect(shown).not.toMatch(/Khải|0903[\s.]?111|Đã gọi anh/);
    }
  });

  it('tells the accused commune nothing when the reporter writes; the province hears it', async () => {
    const leader = await EventTap.open(h.rt.url!, clients.leaderX);
    const staff = await EventTap.open(h.rt.url!, clients.staffX);
    const officer = await EventTap.open(h.rt.url!, clients.officerP);
    try {
      await citizen.say('Tôi bổ sung: việc này xảy ra nhiều lần');
      await eventually(() => officer.events.some((e) => e.type === 'conversation' && e.data.conversationId === conversationId));
      // The officer's stream and the leader's are fed by the same hub: once the officer heard
      // this message the leader would have too.
      for (const tap of [leader, staff]) {
        const concerning = tap.events.filter((e) => e.data.conversationId === conversationId || e.data.caseId === caseId);
        expect(concerning).toEqual([]);
      }
    } finally {
      for (const tap of [leader, staff, officer]) tap.close();
    }
  });
});
