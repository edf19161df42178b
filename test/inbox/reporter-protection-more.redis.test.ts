import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type Role, type UserScope } from '../../src/users/index.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS } from '../support/db.ts';
import { FAKE, startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type Client, PASSWORD, signedIn } from './support.ts';

/**
 * What an independent attacker found after the access policy landed (December 2026):
 * - while a denunciation of commune X's chairman is still being written on X's Page, X read
 *   the draft, the reporter's name and phone live;
 * - a second, ordinary report of the same citizen routed to X opened the whole conversation
 *   (the denunciation, the hand-off) to X, and let X write to the reporter;
 * - X's own case of that citizen said the chat was hidden "to protect a denouncer" and showed
 *   the citizen's hand-off request.
 */

const X = { kind: 'commune', code: FAKE.commune } as const; // Phường Ba Đình, the Page's owner
const P = { kind: 'province', code: '01' } as const;
const NAME = 'Phạm Văn Khải';
const PHONE = '0903111222';
const DENUNCIATION = 'Chủ tịch phường nhận phong bì của dân khi ký giấy xác nhận đất';

describe.each(DB_KINDS)('the accused commune and the same citizen’s other cases (%s)', (kind) => {
  let h: TestRuntime;
  let inbox: PlatformInbox;
  const clients = {} as Record<'staffX' | 'leaderX' | 'officerP', Client>;

  async function user(username: string, role: Role, scope: UserScope) {
    await createUser(h.t.db, { username, displayName: `Cán bộ ${username}`, role, scope, password: PASSWORD });
    return signedIn(h.rt.url!, username);
  }
  const conversationOf = async (userRef: string) =>
    (await h.t.db.query<{ id: string }>('SELECT id::text AS id FROM conversations WHERE user_ref = $1', [userRef]))[0]!.id;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    h = await startTestRuntime(kind, { inbox: { watchEveryMs: 100 } });
    clients.staffX = await user('staff.x2', 'commune_staff', X);
    clients.leaderX = await user('leader.x2', 'commune_leader', X);
    clients.officerP = await user('officer.p2', 'province_officer', P);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('keeps a denunciation still being written from the accused commune, and gives it to the province', async () => {
    const userRef = `PSID-DRAFT-${kind}`;
    const citizen = new WebhookCitizen(h, inbox, 'messenger', userRef);
    for (const text of [DENUNCIATION, '1', 'sáng thứ hai tuần trước', 'Đồng ý', `${NAME} ${PHONE}`]) await citizen.say(text);
    const id = await conversationOf(userRef);
    for (const k of ['staffX', 'leaderX'] as const) {
      expect((await clients[k].get(`/api/conversations/${id}`)).status, k).toBe(404);
      expect((await clients[k].json('POST', `/api/conversations/${id}/reply`, { text: 'Anh Khải ơi' })).status, k).toBe(404);
    }
    const seen = await clients.officerP.get(`/api/conversations/${id}`);
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain('phong bì');
  });

  it('does not open the denunciation to the accused commune through the same citizen’s report to it', async () => {
    const userRef = `PSID-SECOND-${kind}`;
    const citizen = new WebhookCitizen(h, inbox, 'messenger', userRef);
    const said: string[] = [];
    for (const text of [
      DENUNCIATION, '1', 'sáng thứ hai tuần trước', 'Đồng ý', `${NAME} ${PHONE}`, 'Gửi phản ánh',
      'phản ánh mới', 'Vỉa hè phố Đội Cấn bị lấn chiếm', '1', 'hôm qua', 'Đồng ý', `${NAME} ${PHONE}`, 'gửi',
    ]) {
      said.push(await citizen.say(text));
    }
    // The attacker's own second report: the classifier reads it as a conduct complaint, so this
    // case too protects its reporter, and X handles it (the hole: X became a protected case's handler).
    // The place of the second report is the Page's own commune, not the province's reception unit.
    expect(said[7]!.normalize('NFC')).toContain('phường Ba Đình');
    expect(said[7]!.normalize('NFC')).not.toContain('Ban Tiếp công dân');
    const cases = await h.t.db.query<{ id: string; routed_to_kind: string; conversation_id: string }>(
      `SELECT c.id::text AS id, c.routed_to_kind, c.conversation_id::text AS conversation_id
       FROM cases c JOIN conversations v ON v.id = c.conversation_id WHERE v.user_ref = $1 ORDER BY c.id`,
      [userRef],
    );
    expect(cases.map((c) => c.routed_to_kind)).toEqual(['province', 'commune']);
    const second = cases[1]!;
    await citizen.say('gặp cán bộ');
    for (const k of ['staffX', 'leaderX'] as const) {
      const c = clients[k];
      expect((await c.get(`/api/conversations/${second.conversation_id}`)).status, k).toBe(404);
      expect((await c.json('POST', `/api/conversations/${second.conversation_id}/reply`, { text: 'Anh Khải ơi' })).status, k).toBe(404);
      const api = await c.get(`/api/cases/${second.id}`);
      expect(api.status, k).toBe(200);
      const body = await api.text();
      expect(body, k).not.toContain('phong bì');
      expect(body, k).not.toContain('Ban Tiếp công dân');
      expect(body, k).not.toMatch(/"handoff":true/);
      const page = await (await c.get(`/inbox/cases/${second.id}`)).text();
      expect(page, k).not.toContain('phong bì');
      expect(page, k).not.toContain('tố cáo');
      const list = await (await c.get('/api/cases?status=all')).text();
      expect(list, k).not.toMatch(/"handoff":true/);
    }
    // The province handles the denunciation and its chat.
    expect((await clients.officerP.get(`/api/conversations/${second.conversation_id}`)).status).toBe(200);
  });

  it('does not slip a later denunciation into the citizen’s case at the accused commune', async () => {
    const userRef = `PSID-APPEND-${kind}`;
    const citizen = new WebhookCitizen(h, inbox, 'messenger', userRef);
    for (const text of ['Đèn đường ngõ 12 phố Đội Cấn bị hỏng cả tháng nay', '1', 'hôm qua', 'Gửi ẩn danh', 'gửi']) await citizen.say(text);
    const [first] = await h.t.db.query<{ id: string; routed_to_kind: string }>(
      `SELECT c.id::text AS id, c.routed_to_kind FROM cases c JOIN conversations v ON v.id = c.conversation_id WHERE v.user_ref = $1`,
      [userRef],
    );
    expect(first!.routed_to_kind).toBe('commune');
    const reply = (await citizen.say('Thêm thông tin: chủ tịch phường nhận tiền bôi trơn 20 triệu của nhà thầu làm đường')).normalize('NFC');
    expect(reply).not.toContain('đã bổ sung');
    for (const k of ['staffX', 'leaderX'] as const) {
      const body = await (await clients[k].get(`/api/cases/${first!.id}`)).text();
      expect(body, k).not.toContain('bôi trơn');
    }
  });
});
