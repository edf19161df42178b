import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelEvent } from '../../src/channels/types.ts';
import { ensureConversation } from '../../src/messaging/index.ts';
import { Queues } from '../../src/queue/index.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';
import { eventually, FAKE } from '../support/runtime.ts';

/**
 * A worker process is killed with SIGKILL while it is in the middle of a turn. The accepted
 * message must still be handled by the next worker, and the citizen must get one reply.
 * Needs PostgreSQL: two processes share the database.
 */

interface FakeGraph {
  server: Server;
  url: string;
  messages: Array<Record<string, unknown>>;
}

async function fakeGraph(): Promise<FakeGraph> {
  const messages: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
      if (parsed.message) messages.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recipient_id: 'PSID-CRASH', message_id: `m-${messages.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, messages };
}

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['src/main.ts', 'worker'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', process.env.TEST_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
}

describe('worker processes stopped mid-turn', () => {
  let t: TestDatabase;
  let graph: FakeGraph;
  let prefix: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    graph = await fakeGraph();
    prefix = uniquePrefix('crash');
    env = {
      DATABASE_URL: t.url!,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
      JOB_LOCK_MS: '1500',
      MESSENGER_APP_SECRET: FAKE.messengerSecret,
      MESSENGER_PAGE_ID: FAKE.pageId,
      MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
      MESSENGER_PAGE_SCOPE: `commune:${FAKE.commune}`,
      GRAPH_API_BASE: graph.url,
    };
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    graph.server.close();
    const r = new Redis(TEST_REDIS_URL);
    await clearPrefix(r, prefix);
    await r.quit();
    await t.drop();
  });

  async function holdConversation(userRef: string) {
    const account = await eventually(
      async () => (await t.db.query<{ id: string }>("SELECT id FROM channel_accounts WHERE platform = 'messenger'"))[0],
    );
    const conversationId = await ensureConversation(t.db, String(account.id), userRef);
    // Hold the conversation row the way a turn does, so the worker blocks inside its turn.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM conversations WHERE id = $1 FOR NO KEY UPDATE', [conversationId]);
    return { conversationId, blocker };
  }

  it('on SIGTERM finishes the running turn, then exits cleanly', async () => {
    const worker = startWorker(env);
    children.push(worker);
    const { conversationId, blocker } = await holdConversation('PSID-TERM');
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = new Queues({ connection: redis, prefix });
    await queues.enqueueEvents([
      {
        platform: 'messenger',
        accountRef: FAKE.pageId,
        userRef: 'PSID-TERM',
        eventId: 'mid.term.1',
        timestamp: Date.now(),
        content: { type: 'text', text: 'Xin chào' },
      },
    ]);
    await eventually(async () => (await queues.inbound.getActiveCount()) === 1);
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    worker.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await exited).toBe(0);
    const rows = await t.db.query<{ direction: string; status: string }>(
      'SELECT direction, status FROM messages WHERE conversation_id = $1 ORDER BY id',
      [conversationId],
    );
    expect(rows[0]).toEqual({ direction: 'in', status: 'processed' });
    // Its replies are committed to the outbox and queued for whichever worker runs next.
    expect(rows.slice(1).length).toBeGreaterThan(0);
    expect(await queues.outbound.getWaitingCount()).toBe(rows.length - 1);
    await queues.close();
    await redis.quit();
  }, 60_000);

  it('hands the message to the next worker, whose replies each reach the citizen exactly once', async () => {
    const first = startWorker(env);
    children.push(first);
    const { conversationId, blocker } = await holdConversation('PSID-CRASH');

    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = new Queues({ connection: redis, prefix });
    const event: ChannelEvent = {
      platform: 'messenger',
      accountRef: FAKE.pageId,
      userRef: 'PSID-CRASH',
      eventId: 'mid.crash.1',
      timestamp: Date.now(),
      content: { type: 'text', text: 'Cống thoát nước bị tắc' },
    };
    await queues.enqueueEvents([event]);
    await eventually(async () => (await queues.inbound.getActiveCount()) === 1);
    await eventually(
      async () => (await t.db.query("SELECT 1 FROM messages WHERE dedupe_key LIKE '%mid.crash.1'")).length === 1,
    );

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await blocker.query('ROLLBACK');
    await blocker.end();
    const toCitizen = () => graph.messages.filter((m) => (m.recipient as { id: string }).id === 'PSID-CRASH');
    expect(toCitizen()).toHaveLength(0);

    children.push(startWorker(env));
    await eventually(() => toCitizen().length >= 1, 30_000);
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 2500));
    const rows = await t.db.query<{ direction: string; status: string }>(
      'SELECT direction, status FROM messages WHERE conversation_id = $1 ORDER BY id',
      [conversationId],
    );
    const replies = rows.filter((r) => r.direction === 'out');
    expect(rows[0]).toEqual({ direction: 'in', status: 'processed' });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 'sent')).toBe(true);
    // Each reply reached the platform exactly once.
    expect(toCitizen()).toHaveLength(replies.length);
    expect(new Set(toCitizen().map((m) => JSON.stringify(m.message))).size).toBe(replies.length);
    await queues.close();
    await redis.quit();
  }, 60_000);
});
