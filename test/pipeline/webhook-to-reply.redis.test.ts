import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/db.ts';
import {
  eventually,
  FAKE,
  messengerText,
  signMessenger,
  signZalo,
  startTestRuntime,
  type TestRuntime,
  zaloText,
} from '../support/runtime.ts';

interface Captured {
  body: Record<string, unknown>;
}

function captureGraph(): Captured[] {
  const sent: Captured[] = [];
  // nock 15 hangs on reply callbacks that take the request body, so bodies are captured by
  // the matcher and replies are built without arguments.
  nock(FAKE.graphBase)
    .persist()
    .post(`/v25.0/${FAKE.pageId}/messages`, (body: Record<string, unknown>) => {
      if (body.message) sent.push({ body });
      return true;
    })
    .query(true)
    .reply(() => [200, { recipient_id: 'PSID-1', message_id: `m-out-${sent.length}` }]);
  return sent;
}

async function post(rt: TestRuntime, path: string, body: string, headers: Record<string, string>) {
  return fetch(`${rt.rt.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe.each(DB_KINDS)('webhook → queue → worker → reply (%s)', (kind) => {
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

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await h.t.db.query<{ n: string }>(sql, params))[0]!.n);

  it('greets a Messenger citizen in Vietnamese on the same channel', async () => {
    const sent = captureGraph();
    const body = messengerText('mid.greet.1', 'Xin chào');
    const res = await post(h, '/webhooks/messenger', body, { 'x-hub-signature-256': signMessenger(body) });
    expect(res.status).toBe(200);
    // The greeting, then the menu: in that order, each once.
    await eventually(() => sent.length >= 2);
    const [greeting, menu] = sent.map((s) => s.body);
    expect(greeting!.messaging_type).toBe('RESPONSE');
    expect(greeting!.recipient).toEqual({ id: 'PSID-1' });
    expect(JSON.stringify(greeting!.message)).toContain('Xin chào');
    expect(menu!.message).toHaveProperty('quick_replies');
    await eventually(async () => (await count("SELECT count(*) AS n FROM messages WHERE direction = 'out' AND status = 'sent'")) === 2);
    expect(sent).toHaveLength(2);
  });

  it('stores a duplicate delivery once and replies once', async () => {
    const sent = captureGraph();
    const body = messengerText('mid.dup.1', 'Lần một', 'PSID-DUP');
    const headers = { 'x-hub-signature-256': signMessenger(body) };
    const [a, b] = await Promise.all([post(h, '/webhooks/messenger', body, headers), post(h, '/webhooks/messenger', body, headers)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // The greeting, then the menu or the first question: every new conversation is greeted.
    await eventually(() => sent.length >= 3);
    const again = await post(h, '/webhooks/messenger', body, headers);
    expect(again.status).toBe(200);
    await eventually(async () => (await count("SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_ref = 'PSID-DUP' AND direction = 'out' AND status = 'sent'")) === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count("SELECT count(*) AS n FROM messages WHERE dedupe_key LIKE '%mid.dup.1'")).toBe(1);
    expect(sent.filter((s) => (s.body.recipient as { id: string }).id === 'PSID-DUP')).toHaveLength(3);
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const body = messengerText('mid.badsig', 'giả mạo', 'PSID-EVIL');
    const wrong = await post(h, '/webhooks/messenger', body, { 'x-hub-signature-256': signMessenger(body, 'not-the-secret') });
    const missing = await post(h, '/webhooks/messenger', body, {});
    const zalo = await post(h, '/webhooks/zalo', zaloText('z-badsig', 'x'), { 'x-zevent-signature': 'mac=00' });
    expect([wrong.status, missing.status, zalo.status]).toEqual([401, 401, 401]);
    expect(((await wrong.json()) as { error: { code: string }; accepted: number }).error.code).toBe('CB_ERR_BAD_SIGNATURE');
    await new Promise((r) => setTimeout(r, 200));
    expect(await count("SELECT count(*) AS n FROM conversations WHERE user_ref = 'PSID-EVIL'")).toBe(0);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = '{"object":"page",';
    const r1 = await post(h, '/webhooks/messenger', bad, { 'x-hub-signature-256': signMessenger(bad) });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { error: { code: string }; accepted: number }).error.code).toBe('CB_ERR_MALFORMED_JSON');
    const wrongShape = JSON.stringify({ hello: 'world' });
    const r2 = await post(h, '/webhooks/messenger', wrongShape, { 'x-hub-signature-256': signMessenger(wrongShape) });
    expect(r2.status).toBe(400);
    const huge = messengerText('mid.huge', 'a'.repeat(1_200_000));
    const r3 = await post(h, '/webhooks/messenger', huge, { 'x-hub-signature-256': signMessenger(huge) });
    expect(r3.status).toBe(413);
    expect(((await r3.json()) as { error: { code: string }; accepted: number }).error.code).toBe('CB_ERR_BODY_TOO_LARGE');
  });

  it('refuses a streamed body that grows past the limit, and a compressed one, and still takes the next event', async () => {
    const huge = messengerText('mid.streamed', 'b'.repeat(1_200_000));
    // No content-length: the limit must hold while the body streams in.
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < huge.length; i += 16_384) c.enqueue(new TextEncoder().encode(huge.slice(i, i + 16_384)));
        c.close();
      },
    });
    const streamed = await fetch(`${h.rt.url}/webhooks/messenger`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMessenger(huge) },
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const small = messengerText('mid.gz', 'xin chào');
    const gz = await fetch(`${h.rt.url}/webhooks/messenger`, {
      method: 'POST',
      body: gzipSync(small),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-hub-signature-256': signMessenger(small) },
    });
    expect(gz.status).toBe(415);
    expect(((await gz.json()) as { error: { code: string } }).error.code).toBe('CB_ERR_UNSUPPORTED_MEDIA');
    expect(await count("SELECT count(*) AS n FROM messages WHERE platform_message_id IN ('mid.streamed', 'mid.gz')")).toBe(0);
    // A client that leaves halfway through its body costs nothing and stores nothing.
    const url = new URL(h.rt.url!);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /webhooks/messenger HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"object":"page",');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    // An unknown Page: acknowledged without a reply, so no send is left behind for later tests.
    const ok = messengerText('mid.after-refusals', 'xin chào', 'PSID-AFTER', '999998');
    expect((await post(h, '/webhooks/messenger', ok, { 'x-hub-signature-256': signMessenger(ok) })).status).toBe(200);
  });

  it('acknowledges an unknown Page with 200 and drops it', async () => {
    const body = messengerText('mid.unknown', 'xin chào', 'PSID-X', '999999');
    const res = await post(h, '/webhooks/messenger', body, { 'x-hub-signature-256': signMessenger(body) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { error: { code: string }; accepted: number }).accepted).toBe(0);
    expect(await count("SELECT count(*) AS n FROM conversations WHERE user_ref = 'PSID-X'")).toBe(0);
  });

  it('answers the Messenger verification handshake', async () => {
    const ok = await fetch(`${h.rt.url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${FAKE.verifyToken}&hub.challenge=424242`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('424242');
    const no = await fetch(`${h.rt.url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(no.status).toBe(403);
  });

  it('retries a Graph 5xx and a 429 with backoff, then delivers each reply once, in order', async () => {
    const delivered: string[] = [];
    const isMessage = (body: Record<string, unknown>) => body.message !== undefined;
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`, (body: Record<string, unknown>) => !isMessage(body))
      .query(true)
      .reply(200, {});
    nock(FAKE.graphBase)
      .post(`/v25.0/${FAKE.pageId}/messages`, isMessage)
      .query(true)
      .reply(500, { error: { message: 'oops', code: 2 } })
      .post(`/v25.0/${FAKE.pageId}/messages`, isMessage)
      .query(true)
      .reply(429, { error: { message: 'slow down', code: 613 } });
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`, (body: Record<string, unknown>) => {
        if (isMessage(body)) delivered.push(JSON.stringify(body.message));
        return isMessage(body);
      })
      .query(true)
      .reply(200, { recipient_id: 'PSID-RETRY', message_id: 'm-after-retry' });
    const body = messengerText('mid.retry', 'alo', 'PSID-RETRY');
    await post(h, '/webhooks/messenger', body, { 'x-hub-signature-256': signMessenger(body) });
    const outbound = () =>
      h.t.db.query<{ status: string; attempts: number }>(
        "SELECT m.status, m.attempts FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_ref = 'PSID-RETRY' AND direction = 'out' ORDER BY m.id",
      );
    await eventually(async () => (await outbound()).every((r) => r.status === 'sent') && delivered.length === 2, 30_000);
    const rows = await outbound();
    expect(rows.map((r) => r.attempts)).toEqual([3, 1]);
    expect(delivered[0]).toContain('Xin chào');
    expect(delivered[1]).toContain('quick_replies');
  }, 40_000);

  it('delivers a Zalo message and refreshes an expired token once before resending', async () => {
    // A token the database believes fresh, which Zalo has revoked all the same.
    await h.t.db.query("UPDATE channel_accounts SET token_expires_at = now() + interval '20 hours' WHERE platform = 'zalo'");
    const sends: Array<{ token: string | undefined }> = [];
    let refreshes = 0;
    nock(FAKE.zaloOauthBase)
      .post('/v4/oa/access_token')
      .reply(200, () => {
        refreshes++;
        return { access_token: 'zalo-access-2', refresh_token: 'zalo-refresh-2', expires_in: '90000' };
      });
    // nock 15 gives reply callbacks no request object, so the token is told apart by matchHeader.
    nock(FAKE.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'zalo-access-1')
      .reply(() => {
        sends.push({ token: 'zalo-access-1' });
        return [200, { error: -216, message: 'Access token is invalid' }];
      });
    nock(FAKE.zaloApiBase)
      .post('/v3.0/oa/message/cs')
      .matchHeader('access_token', 'zalo-access-2')
      .reply(() => {
        sends.push({ token: 'zalo-access-2' });
        return [200, { error: 0, message: 'Success', data: { message_id: 'zmsg-1', user_id: '246845883529197922' } }];
      });
    const body = zaloText('z-msg-1', 'Đường thôn 3 bị ngập');
    const res = await post(h, '/webhooks/zalo', body, { 'x-zevent-signature': signZalo(body) });
    expect(res.status).toBe(200);
    await eventually(() => sends.length === 2);
    expect(refreshes).toBe(1);
    expect(sends.map((s) => s.token)).toEqual(['zalo-access-1', 'zalo-access-2']);
    const stored = await h.t.db.query<{ access_token: string; refresh_token: string }>(
      "SELECT access_token, refresh_token FROM channel_accounts WHERE platform = 'zalo'",
    );
    expect(stored[0]).toEqual({ access_token: 'zalo-access-2', refresh_token: 'zalo-refresh-2' });
    await eventually(async () => (await h.t.db.query<{ status: string }>("SELECT m.status FROM messages m WHERE m.platform_message_id = 'zmsg-1'"))[0]?.status === 'sent');
  });

  it('serves health, readiness and metrics', async () => {
    expect((await fetch(`${h.rt.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.rt.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { redis: true, database: true } });
    const metrics = await (await fetch(`${h.rt.url}/metrics`)).text();
    expect(metrics).toMatch(/congboc_webhook_requests_total\{channel="messenger",result="accepted"\} \d+/);
    expect(metrics).toContain('congboc_queue_jobs{queue="inbound"');
    expect(metrics).toContain('congboc_job_duration_seconds_bucket');
  });
});
