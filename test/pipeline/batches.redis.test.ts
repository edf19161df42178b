import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../src/queue/index.ts';
import { DB_KINDS } from '../support/db.ts';
import { eventually, FAKE, signMessenger, signZalo, startTestRuntime, type TestRuntime, zaloText } from '../support/runtime.ts';

/**
 * Deliveries as the platforms really batch them: one unreadable item must not cost the
 * others, a full batch is not too large, and a citizen talking to staff sees no bot typing.
 */
describe.each(DB_KINDS)('batches and odd payloads (%s)', (kind) => {
  let h: TestRuntime;
  const graph: Array<Record<string, unknown>> = [];

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
    nock(FAKE.graphBase)
      .persist()
      .post(`/v25.0/${FAKE.pageId}/messages`, (b: Record<string, unknown>) => {
        graph.push(b);
        return true;
      })
      .query(true)
      .reply(200, { recipient_id: 'x', message_id: 'm' });
  }

  const item = (psid: string, mid: string, message: Record<string, unknown>) => ({
    sender: { id: psid },
    recipient: { id: FAKE.pageId },
    timestamp: Date.now(),
    message: { mid, ...message },
  });

  async function postMessenger(items: unknown[]) {
    const body = JSON.stringify({ object: 'page', entry: [{ id: FAKE.pageId, time: Date.now(), messaging: items }] });
    return fetch(`${h.rt.url}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMessenger(body) },
    });
  }

  const stored = async (mid: string) =>
    (await h.t.db.query("SELECT 1 FROM messages WHERE direction = 'in' AND platform_message_id = $1", [mid])).length === 1;

  it('queues every good item of a Messenger batch, dead-letters the bad one, and answers 200', async () => {
    graphAccepts();
    const res = await postMessenger([
      item('PSID-B1', 'b.good.1', { text: 'Đèn đường hỏng' }),
      item('PSID-B2', 'b.bad.file', { attachments: [{ type: 'file', payload: {} }] }),
      item('PSID-B3', 'b.sticker', { attachments: [{ type: 'sticker', payload: { url: 'https://x/s.png', sticker_id: 1 } }] }),
      item('PSID-B4', 'b.link', { text: 'Xem giúp ạ', attachments: [{ type: 'fallback', title: 'Bài báo', payload: { url: 'https://news.example/x' } }] }),
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 3, rejected: 1 });
    await eventually(async () => (await stored('b.good.1')) && (await stored('b.sticker')) && (await stored('b.link')));
    const link = await h.t.db.query<{ content: { content: { text: string } } }>("SELECT content FROM messages WHERE platform_message_id = 'b.link'");
    expect(link[0]!.content.content.text).toBe('Xem giúp ạ\nBài báo\nhttps://news.example/x');
    const letter = await eventually(async () => (await listDeadLetters(h.t.db)).find((l) => l.reference === 'b.bad.file'));
    expect(letter).toMatchObject({ source: 'webhook', platform: 'messenger', accountRef: FAKE.pageId, reason: 'messenger: file without url' });
  });

  it('takes a Zalo image without url as 200 and a dead letter', async () => {
    const body = zaloText('z.noimage', 'x').replace('"text":"x"', '"attachments":[{"type":"image","payload":{}}]').replace('user_send_text', 'user_send_image');
    const res = await fetch(`${h.rt.url}/webhooks/zalo`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-zevent-signature': signZalo(body) } });
    expect(res.status).toBe(200);
    const letter = await eventually(async () => (await listDeadLetters(h.t.db)).find((l) => l.reference === 'z.noimage'));
    expect(letter).toMatchObject({ source: 'webhook', platform: 'zalo', reason: 'zalo: image without url' });
  });

  it('accepts a full batch larger than the old 256 kB limit', async () => {
    graphAccepts();
    const items = Array.from({ length: 120 }, (_, i) => item(`PSID-BIG-${i % 30}`, `big.${i}`, { text: `Phản ánh số ${i}: ${'đường ngập nước '.repeat(120)}` }));
    const res = await postMessenger(items);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 120 });
    await eventually(async () => stored('big.119'), 90_000);
  }, 120_000);

  it('sends no typing indicator while the citizen talks to staff', async () => {
    graphAccepts();
    const actions = () => graph.filter((b) => (b.recipient as { id: string }).id === 'PSID-HAND' && b.sender_action === 'typing_on').length;
    await postMessenger([item('PSID-HAND', 'h.1', { text: 'gặp cán bộ' })]);
    await eventually(async () => {
      const rows = await h.t.db.query<{ mode: string }>("SELECT state->>'mode' AS mode FROM conversations WHERE user_ref = 'PSID-HAND'");
      return rows[0]?.mode === 'handoff';
    }, 60_000);
    const typedBefore = actions();
    expect(typedBefore).toBeGreaterThan(0);
    await postMessenger([item('PSID-HAND', 'h.2', { text: 'Tôi đang chờ ạ' })]);
    await eventually(async () => {
      const rows = await h.t.db.query("SELECT 1 FROM messages WHERE platform_message_id = 'h.2' AND status = 'processed'");
      return rows.length === 1;
    }, 60_000);
    expect(actions()).toBe(typedBefore);
  }, 150_000);
});
