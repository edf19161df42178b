import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, ChangeHub } from '../../src/inbox/events.ts';
import { createLogger } from '../../src/observability/index.ts';
import type { User } from '../../src/users/index.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { eventually } from '../support/runtime.ts';

const staff: User = {
  id: '1',
  username: 'canbo',
  displayName: 'Cán bộ',
  role: 'commune_staff',
  scope: { kind: 'commune', code: '26881' },
  mustChangePassword: false,
  locale: 'vi',
  email: null,
  active: true,
  createdAt: new Date(),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// PostgreSQL only: the race needs two connections, one holding a transaction open while the
// watcher looks (PGlite has one connection, so a look simply waits for the commit).
describe('the inbox change watcher on postgres', () => {
  let t: TestDatabase;
  let redis: Redis;
  let hub: ChangeHub;
  const prefix = uniquePrefix('hub');
  const heard: Change[] = [];
  let stop: () => void;
  let conversationId: string;
  let messageId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    redis = testRedis();
    const [account] = await t.db.query<{ id: string }>(
      `INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code)
       VALUES ('messenger', 'PAGE-HUB', 'commune', '26881') RETURNING id::text AS id`,
    );
    const [conversation] = await t.db.query<{ id: string }>(
      `INSERT INTO conversations (channel_account_id, user_ref) VALUES ($1, 'PSID-HUB') RETURNING id::text AS id`,
      [account!.id],
    );
    conversationId = conversation!.id;
    const [message] = await t.db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status)
       VALUES ($1, 'out', 'out:hub:1', '{}', 'pending') RETURNING id::text AS id`,
      [conversationId],
    );
    messageId = message!.id;
    const [other] = await t.db.query<{ id: string }>(
      `INSERT INTO messages (conversation_id, direction, dedupe_key, content, status)
       VALUES ($1, 'out', 'out:hub:2', '{}', 'pending') RETURNING id::text AS id`,
      [conversationId],
    );
    otherId = other!.id;
    hub = new ChangeHub(redis, prefix, t.db, createLogger('silent'), 50);
    stop = hub.subscribe(staff, (c) => heard.push(c), () => {});
  });

  afterAll(async () => {
    await hub.close();
    await clearPrefix(redis, prefix);
    redis.disconnect();
    await t.drop();
  });

  const toldAboutConversation = () =>
    heard.filter((c) => c.type === 'conversation' && c.conversationId === conversationId).length;

  it('does not retell what was there before the first look', async () => {
    await sleep(300);
    expect(toldAboutConversation()).toBe(0);
  });

  it('tells, once, a send settled in a transaction that began before a look and committed after it', async () => {
    await t.db.transaction(async (tx) => {
      // now() is the transaction's start; the watcher looks several times before the commit.
      await tx.query("UPDATE messages SET status = 'failed', status_changed_at = now() WHERE id = $1", [messageId]);
      await sleep(200);
      // Meanwhile another send settles and is told: the watcher has seen a later change.
      await t.db.query("UPDATE messages SET status = 'sent', status_changed_at = now() WHERE id = $1", [otherId]);
      await eventually(() => toldAboutConversation() === 1);
      await sleep(200);
    });
    await eventually(() => toldAboutConversation() === 2);
    await sleep(400);
    expect(toldAboutConversation()).toBe(2);
  });

  it('tells again when the same message changes once more', async () => {
    await t.db.query("UPDATE messages SET status = 'sent', status_changed_at = now() WHERE id = $1", [messageId]);
    await eventually(() => toldAboutConversation() === 3);
    await sleep(300);
    expect(toldAboutConversation()).toBe(3);
  });

  it('starts afresh after nobody watched: what changed meanwhile is not replayed to a page opened later', async () => {
    stop();
    await sleep(200);
    await t.db.query("UPDATE messages SET status = 'failed', status_changed_at = now() WHERE id = $1", [otherId]);
    await sleep(200);
    const later: Change[] = [];
    hub.subscribe(staff, (c) => later.push(c), () => {});
    await sleep(400);
    expect(later).toEqual([]);
    await t.db.query("UPDATE messages SET status = 'sent', status_changed_at = now() WHERE id = $1", [otherId]);
    await eventually(() => later.some((c) => c.type === 'conversation' && c.conversationId === conversationId));
  });
});
