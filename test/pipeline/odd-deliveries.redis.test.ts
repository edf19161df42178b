import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../src/queue/index.ts';
import { createUser } from '../../src/users/index.ts';
import { Client, PASSWORD } from '../inbox/support.ts';
import { DB_KINDS } from '../support/db.ts';
import { eventually, FAKE, messengerText, signMessenger, signZalo, startTestRuntime, type TestRuntime, zaloText } from '../support/runtime.ts';

/**
 * Deliveries that are signed (so they are the platform's) but cannot be stored as they are:
 * each is answered 200 once, recorded as a dead letter with its reason, and its job is done,
 * not retried for months. A time far in the future is brought back to the receipt time.
 */
describe.each(DB_KINDS)('odd deliveries (%s)', (kind) => {
  let h: TestRuntime;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startTestRuntime(kind);
  });
  afterAll(async () => {
    await h.stop();
    nock.enableNetConnect();
  });
  afterEach(() => nock.cleanAll());

  function graphAccepts() {
    nock(FAKE.graphBase).persist().post(`/v25.0/${FAKE.pageId}/messages`).query(true).reply(200, { recipient_id: 'x', message_id: 'm' });
  }

  async function post(platform: 'messenger' | 'zalo', body: string, signed = true) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signed) {
      if (platform === 'messenger') headers['x-hub-signature-256'] = signMessenger(body);
      else headers['x-zevent-signature'] = signZalo(body);
    }
    return fetch(`${h.rt.url}/webhooks/${platform}`, { method: 'POST', body, headers });
  }

  async function jobState(platform: string, eventId: string) {
    const account = platform === 'messenger' ? FAKE.pageId : FAKE.oaId;
    const job = await h.rt.queues.inbound.getJob(`in-${platform}-${account}-${eventId}`);
    return job ? await job.getState() : 'missing';
  }

  const unstorable = [
    { name: 'a lone surrogate', platform: 'messenger' as const, id: 'mid.surrogate', body: () => messengerText('mid.surrogate', 'x').replace('"text":"x"', '"text":"ab\\ud800cd"') },
    // A NUL in the text is removed by the channel's sanitising (the message is kept); in the
    // sender's id it reaches the database, which refuses it.
    { name: 'a NUL byte', platform: 'zalo' as const, id: 'zmsg-nul', body: () => zaloText('zmsg-nul', 'x', 'user\u0000nul') },
    {
      name: 'a timestamp of 1e20',
      platform: 'messenger' as const,
      id: 'mid.1e20',
      body: () => messengerText('mid.1e20', 'đèn hỏng').replace(/"timestamp":\d+/, '"timestamp":1e20'),
    },
  ];

  for (const c of unstorable) {
    it(`answers a signed event with ${c.name} 200 once, dead-letters it with the reason, and does not retry it`, async () => {
      graphAccepts();
      const res = await post(c.platform, c.body());
      expect(res.status).toBe(200);
      const letter = await eventually(async () => (await listDeadLetters(h.t.db)).find((l) => l.reference.includes(c.id)));
      expect(letter).toMatchObject({ source: 'inbound', platform: c.platform, attempts: 1 });
      expect(letter.reason).toMatch(/^cannot be stored: /);
      expect(await jobState(c.platform, c.id)).toBe('completed');
      // The platform delivering it again changes nothing: still one dead letter.
      expect((await post(c.platform, c.body())).status).toBe(200);
      expect((await listDeadLetters(h.t.db)).filter((l) => l.reference.includes(c.id))).toHaveLength(1);
    });
  }

  it('shows the dead letters to the installation\'s administrator, with their reasons, and not to a province\'s', async () => {
    await createUser(h.t.db, { username: 'dl.province', displayName: 'Quản trị tỉnh', role: 'admin', scope: { kind: 'province', code: '01' }, password: PASSWORD });
    const provinceAdmin = new Client(h.rt.url!);
    expect((await provinceAdmin.login('dl.province')).status).toBe(200);
    expect(await (await provinceAdmin.get('/inbox/admin')).text()).not.toContain('Tin không xử lý được');
    await createUser(h.t.db, { username: 'dl.admin', displayName: 'Quản trị', role: 'system_admin', scope: { kind: 'province', code: '01' }, password: PASSWORD });
    const admin = new Client(h.rt.url!);
    expect((await admin.login('dl.admin')).status).toBe(200);
    const page = await (await admin.get('/inbox/admin')).text();
    expect(page).toContain('Tin không xử lý được');
    expect(page).toContain('cannot be stored: timestamp 100000000000000000000 is not a time');
    expect(page).toContain('mid.surrogate');
  });

  it('brings a timestamp five years ahead back to the time of receipt', async () => {
    graphAccepts();
    const ahead = Date.now() + 5 * 365 * 24 * 3_600_000;
    const body = messengerText('mid.future', 'Xin chào', 'PSID-FUTURE').replace(/"timestamp":\d+/, `"timestamp":${ahead}`);
    expect((await post('messenger', body)).status).toBe(200);
    const rows = await eventually(async () => {
      const r = await h.t.db.query<{ occurred_at: Date | string; last_inbound_at: Date | string | null }>(
        `SELECT m.occurred_at, c.last_inbound_at FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.platform_message_id = 'mid.future' AND m.status = 'processed'`,
      );
      return r.length ? r : null;
    });
    const hour = 3_600_000;
    expect(new Date(rows[0]!.occurred_at).getTime()).toBeLessThan(Date.now() + hour);
    expect(new Date(rows[0]!.last_inbound_at!).getTime()).toBeLessThan(Date.now() + hour);
  });

  it('answers an unsigned webhook with garbage 401, never 500', async () => {
    const nested = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const garbage = `{"app_id":"${FAKE.zaloAppId}","event_name":"user_send_text","timestamp":${nested}}`;
    const headers = { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' };
    const zalo = await fetch(`${h.rt.url}/webhooks/zalo`, { method: 'POST', body: garbage, headers });
    expect(zalo.status).toBe(401);
    const objectTs = JSON.stringify({ app_id: FAKE.zaloAppId, timestamp: { toString: 1 } });
    expect((await fetch(`${h.rt.url}/webhooks/zalo`, { method: 'POST', body: objectTs, headers })).status).toBe(401);
    const messenger = await post('messenger', `{"object":"page","entry":${nested}}`, false);
    expect(messenger.status).toBe(401);
    // Not even JSON, and unsigned: still 401 (who sent it is the first question).
    expect((await post('messenger', '{"object":', false)).status).toBe(401);
    expect((await fetch(`${h.rt.url}/webhooks/zalo`, { method: 'POST', body: '\u0000[[', headers })).status).toBe(401);
  });
});
