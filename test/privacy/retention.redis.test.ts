import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCase, type CaseRecord, getCase, listCaseEvents } from '../../src/cases/index.ts';
import { draftApologyLetter, getLetter } from '../../src/letters/index.ts';
import { storeInbound } from '../../src/messaging/index.ts';
import { expireContacts } from '../../src/privacy/index.ts';
import { consent, conversation, newCase } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { completedOutcome } from '../support/jobs.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { startTestRuntime } from '../support/runtime.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-02T03:00:00Z');

/** A citizen who gave name and phone, their case, and one message in which they typed the phone. */
async function identified(db: TestDatabase['db'], phone: string, conv?: string): Promise<CaseRecord> {
  const conversationId = conv ?? (await conversation(db));
  const c = await newCase(db, conversationId, {
    reporter: { kind: 'identified', name: 'Phạm Thị Mai', phone, consentId: await consent(db, conversationId) },
  });
  await storeInbound(db, conversationId, {
    platform: 'zalo',
    accountRef: 'oa',
    userRef: 'u',
    eventId: `typed-${c.id}`,
    timestamp: 0,
    content: { type: 'text', text: `Số của tôi: ${phone}` },
  });
  return c;
}

async function answeredDaysAgo(db: TestDatabase['db'], c: CaseRecord, days: number): Promise<void> {
  const at = new Date(NOW.getTime() - days * DAY);
  await db.transaction((tx) => answerCase(tx, c.id, 'Đã xử lý.', 'staff:lan', at));
}

async function typed(db: TestDatabase['db'], c: CaseRecord): Promise<string> {
  const [row] = await db.query<{ text: string }>(
    "SELECT content->'content'->>'text' AS text FROM messages WHERE dedupe_key LIKE $1",
    [`%typed-${c.id}%`],
  );
  return row!.text;
}

describe.each(DB_KINDS)('retention of contact details on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(() => t.drop());

  it('erases the contact details of cases answered or closed longer ago than the period, and nothing else', async () => {
    const old = await identified(t.db, '0911000001');
    await answeredDaysAgo(t.db, old, 400);
    const letter = await t.db.transaction((tx) => draftApologyLetter(tx, old.id, { subject: 'late_answer', now: NOW }));
    await t.db.query("UPDATE cases SET description = 'Cán bộ Mai hẹn gọi lại số 0911 000 001 mà không gọi' WHERE id = $1", [old.id]);
    expect(letter.fields.recipient).toBeDefined();
    const recent = await identified(t.db, '0911000002');
    await answeredDaysAgo(t.db, recent, 10);
    const open = await identified(t.db, '0911000003');
    // A conversation with an expired case and an open one: the open case keeps its details,
    // and the conversation keeps the messages that still serve it.
    const shared = await identified(t.db, '0911000004');
    await answeredDaysAgo(t.db, shared, 500);
    const sibling = await identified(t.db, '0911000005', shared.conversationId);

    expect(await expireContacts(t.db, 365, NOW, 1)).toBe(2);

    for (const c of [old, shared]) {
      expect((await getCase(t.db, c.id))!.reporter).toEqual({ kind: 'anonymous' });
      const erased = (await listCaseEvents(t.db, c.id)).filter((e) => e.kind === 'personal_data_erased');
      expect(erased.map((e) => [e.actor, e.details])).toEqual([['system', { reason: 'retention' }]]);
    }
    expect(await typed(t.db, old)).toBe('Số của tôi: […]');
    // The phone goes from what the case says too; a word that only resembles the name stays.
    expect((await getCase(t.db, old.id))!.description).toBe('Cán bộ Mai hẹn gọi lại số […] mà không gọi');
    expect((await getLetter(t.db, letter.id))!.fields.recipient).toBeUndefined();
    expect(await typed(t.db, shared)).toBe('Số của tôi: 0911000004');
    for (const c of [recent, open, sibling]) expect((await getCase(t.db, c.id))!.reporter.kind).toBe('identified');
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'privacy.retention'");
    expect(audit).toHaveLength(2);

    expect(await expireContacts(t.db, 365, NOW)).toBe(0);
  });
});

describe('the daily retention run in the program', () => {
  it('is registered from PERSONAL_DATA_RETENTION_DAYS, runs as a maintenance job, and is removed when set to 0', async () => {
    // Two starts of the program over one database and key prefix: a restart with a new setting.
    const t = await freshDatabase('pglite');
    const prefix = uniquePrefix('retention');
    const start = (days: string) => startTestRuntime('pglite', { roles: ['worker'], env: { PERSONAL_DATA_RETENTION_DAYS: days }, reuse: { t, prefix } });
    try {
      const h = await start('30');
      try {
        expect(await h.rt.queues.maintenance.getJobScheduler('retention')).toMatchObject({ pattern: '30 2 * * *', tz: 'Asia/Ho_Chi_Minh' });
        const c = await identified(t.db, '0911000009');
        await t.db.transaction((tx) => answerCase(tx, c.id, 'Đã xử lý.', 'staff:lan', new Date(Date.now() - 31 * DAY)));
        await h.rt.queues.maintenance.add('retention', { kind: 'retention' }, { jobId: 'retention-now' });
        expect(await completedOutcome(h.rt.queues.maintenance as Queue, 'retention-now')).toBe(1);
        expect((await getCase(t.db, c.id))!.reporter.kind).toBe('anonymous');
      } finally {
        await h.stop();
      }
      const off = await start('0');
      try {
        expect(await off.rt.queues.maintenance.getJobScheduler('retention')).toBeUndefined();
      } finally {
        await off.stop();
      }
    } finally {
      const redis = testRedis();
      await clearPrefix(redis, prefix);
      await redis.quit();
      await t.drop();
    }
  });
});
