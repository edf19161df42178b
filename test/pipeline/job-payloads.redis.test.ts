import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelEvent } from '../../src/channels/types.ts';
import { jobId } from '../../src/queue/index.ts';
import { PlatformInbox, WebhookCitizen } from '../support/citizen.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { eventually, FAKE, messengerText, signMessenger, startTestRuntime } from '../support/runtime.ts';

/**
 * Queue jobs carry ids, never what a citizen wrote: finished jobs stay in Redis for days and
 * the queue dashboard shows their data. The event waits under its own key until the worker
 * has stored it, then goes; an erasure reaches one still waiting.
 */

const NAME = 'Phạm Văn Khải';
const PHONE = '0903111222';
const SECRET = /Khải|Khai|0903\s?111/;

/** Every value under the prefix, whatever the Redis type, as one string per key. */
async function dumpRedis(prefix: string): Promise<Map<string, string>> {
  const r = testRedis();
  const out = new Map<string, string>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await r.type(key);
        const value =
          type === 'string'
            ? await r.get(key)
            : type === 'hash'
              ? JSON.stringify(await r.hgetall(key))
              : type === 'list'
                ? JSON.stringify(await r.lrange(key, 0, -1))
                : type === 'set'
                  ? JSON.stringify(await r.smembers(key))
                  : type === 'zset'
                    ? JSON.stringify(await r.zrange(key, '0', '-1'))
                    : type === 'stream'
                      ? JSON.stringify(await r.xrange(key, '-', '+'))
                      : '';
        out.set(key, value ?? '');
      }
    } while (cursor !== '0');
  } finally {
    await r.quit();
  }
  return out;
}

const holdingSecrets = (dump: Map<string, string>) => [...dump].filter(([, v]) => SECRET.test(v.normalize('NFC'))).map(([k]) => k);

describe.each(DB_KINDS)('queue job payloads (%s)', (kind) => {
  let t: TestDatabase;
  let prefix: string;
  let inbox: PlatformInbox;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    inbox = new PlatformInbox();
    t = await freshDatabase(kind);
    prefix = uniquePrefix('payloads');
  });
  afterAll(async () => {
    const r = testRedis();
    await clearPrefix(r, prefix);
    await r.quit();
    await t.drop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('queues only ids; the text waits under its own key until stored, then is gone from Redis', async () => {
    const mid = `mid.payload.${kind}`;
    const body = messengerText(mid, `Tôi là ${NAME}, số ${PHONE}, xin gặp cán bộ`, 'PSID-PAYLOAD');
    // Only the web process: the event is accepted and waits.
    const web = await startTestRuntime(kind, { roles: ['web'], reuse: { t, prefix } });
    try {
      const res = await fetch(`${web.rt.url}/webhooks/messenger`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMessenger(body) },
      });
      expect(res.status).toBe(200);
      const event = { platform: 'messenger', accountRef: FAKE.pageId, eventId: mid } as ChannelEvent;
      const job = await web.rt.queues.inbound.getJob(jobId.event(event));
      expect(job?.data).toEqual({ kind: 'event', platform: 'messenger', accountRef: FAKE.pageId, eventId: mid });
      // Durable before the 200: the text is in Redis, under the payload key only.
      const waiting = holdingSecrets(await dumpRedis(prefix));
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toContain(':inbound-payload:event:');
    } finally {
      await web.stop();
    }
    const worker = await startTestRuntime(kind, { roles: ['worker'], reuse: { t, prefix } });
    try {
      await eventually(async () => {
        const rows = await t.db.query<{ status: string }>('SELECT status FROM messages WHERE platform_message_id = $1', [mid]);
        return rows[0]?.status === 'processed';
      });
      const [stored] = await t.db.query<{ text: string }>(
        "SELECT content->'content'->>'text' AS text FROM messages WHERE platform_message_id = $1",
        [mid],
      );
      expect(stored!.text).toContain(NAME);
      await eventually(async () => holdingSecrets(await dumpRedis(prefix)).length === 0);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it('erases the citizen’s details from an event still waiting when they ask for erasure', async () => {
    const h = await startTestRuntime(kind, { reuse: { t, prefix } });
    try {
      const citizen = new WebhookCitizen(h, inbox, 'messenger', 'PSID-ERASE-WAITING');
      for (const text of ['Cán bộ phường bắt tôi đi lại 4 lần mà vẫn chưa làm giấy xác nhận', '1', 'Bỏ qua', 'Đồng ý', `${NAME}, ${PHONE}`, 'Gửi phản ánh']) {
        await citizen.say(text);
      }
      // A message of theirs no worker has stored yet (its job not run).
      const waiting: ChannelEvent = {
        platform: 'messenger',
        accountRef: FAKE.pageId,
        userRef: 'PSID-ERASE-WAITING',
        eventId: `mid.waiting.${kind}`,
        timestamp: Date.now(),
        content: { type: 'text', text: `Số của tôi là ${PHONE}, tên ${NAME}` },
      } as ChannelEvent;
      await h.rt.queues.payloads.put([waiting]);
      expect(holdingSecrets(await dumpRedis(prefix)).length).toBeGreaterThan(0);
      await citizen.say('xóa thông tin của tôi');
      const done = await citizen.say('Xóa');
      expect(done.normalize('NFC')).toMatch(/xóa/i);
      const after = await h.rt.queues.payloads.get(waiting);
      expect(after).not.toBeNull();
      expect(JSON.stringify(after)).not.toMatch(SECRET);
      expect(holdingSecrets(await dumpRedis(prefix))).toEqual([]);
    } finally {
      await h.stop();
    }
  }, 90_000);
});
