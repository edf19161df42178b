import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findAccount, upsertAccount } from '../../src/accounts/index.ts';
import { createUser } from '../../src/users/index.ts';
import { startTestSmtp, type TestSmtp } from '../digests/smtp.ts';
import { Client, PASSWORD } from '../inbox/support.ts';
import { DB_KINDS } from '../support/db.ts';
import { eventually, FAKE, messengerText, signMessenger, signZalo, startTestRuntime, type TestRuntime, zaloText } from '../support/runtime.ts';

/**
 * What the platforms say about our grants reaches the admins: a Page token Meta rejects
 * (190) or a refresh token Zalo refuses marks the account 'needs_regrant' (shown on the admin
 * page, e-mailed to admins, and the refusal is not asked again); a restriction is 'restricted'
 * until a send passes; Zalo tokens are refreshed on a schedule whether or not the OA sends.
 */
describe.each(DB_KINDS)('channel health (%s)', (kind) => {
  let h: TestRuntime;
  let smtp: TestSmtp;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    smtp = await startTestSmtp();
    h = await startTestRuntime(kind, { env: { SMTP_URL: smtp.url, TOKEN_REFRESH_EVERY_MS: '1000' } });
    await createUser(h.t.db, {
      username: 'health.admin',
      displayName: 'Quản trị kênh',
      role: 'admin',
      scope: { kind: 'province', code: '01' },
      password: PASSWORD,
      email: 'admin@xa.example',
    });
  });
  afterAll(async () => {
    await h.stop();
    await smtp.close();
    nock.enableNetConnect();
  });
  afterEach(() => nock.cleanAll());

  const health = async (platform: 'zalo' | 'messenger', id: string) => (await findAccount(h.t.db, platform, id))?.health;

  async function post(platform: 'zalo' | 'messenger', body: string) {
    const sig = platform === 'messenger' ? { 'x-hub-signature-256': signMessenger(body) } : { 'x-zevent-signature': signZalo(body) };
    const res = await fetch(`${h.rt.url}/webhooks/${platform}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...sig } });
    expect(res.status).toBe(200);
  }

  it('a Page token Meta rejects (190) marks the Page for re-grant, on the admin page and by e-mail', async () => {
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`)
      .query(true)
      .reply(400, { error: { message: 'Error validating access token: The session has been invalidated.', type: 'OAuthException', code: 190 } });
    await post('messenger', messengerText('mid.h190', 'Xin chào', 'PSID-H190'));
    await eventually(async () => (await health('messenger', FAKE.pageId)) === 'needs_regrant');
    const mail = await eventually(() => smtp.received.find((m) => m.to.includes('admin@xa.example')));
    expect(mail.header('subject')).toContain(FAKE.pageId);
    expect(mail.text()).toContain('cần cấp quyền lại');

    const admin = new Client(h.rt.url!);
    expect((await admin.login('health.admin')).status).toBe(200);
    expect(await (await admin.get('/inbox/admin')).text()).toContain('cần cấp quyền lại');

    // An admin puts a new Page token: the account is healthy again.
    await upsertAccount(h.t.db, { platform: 'messenger', externalId: FAKE.pageId, scope: { kind: 'commune', code: FAKE.commune }, accessToken: 'page-token-2' });
    expect(await health('messenger', FAKE.pageId)).toBe('ok');
    expect((await findAccount(h.t.db, 'messenger', FAKE.pageId))?.accessToken).toBe('page-token-2');
  });

  it('a refresh token Zalo refuses marks the OA for re-grant, and it is not asked again', async () => {
    let oauthCalls = 0;
    nock(FAKE.zaloOauthBase)
      .persist()
      .post('/v4/oa/access_token')
      .reply(200, () => {
        oauthCalls++;
        return { error: -14014, message: 'Invalid refresh token' };
      });
    nock(FAKE.zaloApiBase).persist().post('/v3.0/oa/message/cs').reply(200, { error: -216, message: 'Access token is invalid' });
    await post('zalo', zaloText('z.h1', 'Xin chào', 'ZU-H1'));
    await eventually(async () => (await health('zalo', FAKE.oaId)) === 'needs_regrant');
    const calls = oauthCalls;
    expect(calls).toBeGreaterThan(0);
    await post('zalo', zaloText('z.h2', 'Còn ai không', 'ZU-H1'));
    await eventually(async () => {
      const rows = await h.t.db.query("SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_ref = 'ZU-H1' AND m.direction = 'out' AND m.status = 'failed'");
      return rows.length >= 2;
    }, 30_000);
    expect(oauthCalls).toBe(calls);
  });

  it('refreshes a Zalo token near its end on schedule, without any message', async () => {
    await h.t.db.query(
      "UPDATE channel_accounts SET health = 'ok', access_token = 'zalo-old', refresh_token = 'zalo-refresh-old', token_expires_at = now() + interval '2 hours' WHERE platform = 'zalo'",
    );
    nock(FAKE.zaloOauthBase).post('/v4/oa/access_token').reply(200, { access_token: 'zalo-scheduled', refresh_token: 'zalo-refresh-scheduled', expires_in: '90000' });
    const account = await eventually(async () => {
      const a = await findAccount(h.t.db, 'zalo', FAKE.oaId);
      return a?.accessToken === 'zalo-scheduled' ? a : null;
    });
    expect(account.refreshToken).toBe('zalo-refresh-scheduled');
    expect(account.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
  });

  it('a restriction (Zalo -244) is shown until a send passes again', async () => {
    nock(FAKE.zaloApiBase).post('/v3.0/oa/message/cs').reply(200, { error: -244, message: 'OA is restricted' });
    nock(FAKE.zaloApiBase).persist().post('/v3.0/oa/message/cs').reply(200, { error: 0, data: { message_id: 'zm-ok' } });
    await post('zalo', zaloText('z.r1', 'Xin chào', 'ZU-R1'));
    // The admins were told of the restriction (the mail says so)…
    await eventually(() => smtp.received.some((m) => m.text().includes('đang bị nền tảng hạn chế')));
    // …and the retried send passing clears it.
    await eventually(async () => {
      const rows = await h.t.db.query("SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_ref = 'ZU-R1' AND m.direction = 'out' AND m.status = 'sent'");
      return rows.length > 0 && (await health('zalo', FAKE.oaId)) === 'ok';
    }, 30_000);
    const row = (await h.t.db.query<{ health_reason: string | null }>("SELECT health_reason FROM channel_accounts WHERE platform = 'zalo'"))[0];
    expect(row?.health_reason).toBeNull();
  });
});
