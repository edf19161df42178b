import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DEADLINES_QUEUE, deadlineJobId } from '../../src/deadline-jobs/index.ts';
import { conversation, newCase } from '../routing/fixtures.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { startTestRuntime } from '../support/runtime.ts';

describe('how many working days before the due date staff are reminded', () => {
  it('is 2 unless DEADLINE_REMINDER_WORKING_DAYS says otherwise, and a bad value names the variable', () => {
    expect(loadConfig({}).DEADLINE_REMINDER_WORKING_DAYS).toBe(2);
    expect(loadConfig({ DEADLINE_REMINDER_WORKING_DAYS: '3' }).DEADLINE_REMINDER_WORKING_DAYS).toBe(3);
    for (const bad of ['0', 'two', '1.5']) {
      expect(() => loadConfig({ DEADLINE_REMINDER_WORKING_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ DEADLINE_REMINDER_WORKING_DAYS: bad }), bad).toThrow(/DEADLINE_REMINDER_WORKING_DAYS/);
    }
  });

  describe('in the running program', () => {
    let t: TestDatabase;
    const prefix = uniquePrefix('reminder-days');
    const redis = testRedis();

    beforeAll(async () => {
      t = await freshDatabase('pglite');
    });
    afterAll(async () => {
      await clearPrefix(redis, prefix);
      redis.disconnect();
      await t.drop();
    });

    it('plans the reminder that many working days before', async () => {
      // Due Monday 07/12/2026; a case planned before a restart is planned again at start.
      const c = await newCase(t.db, await conversation(t.db));
      await t.db.query('UPDATE cases SET deadline_version = 1 WHERE id = $1', [c.id]);
      const run = await startTestRuntime('pglite', { roles: ['worker'], reuse: { t, prefix }, env: { DEADLINE_REMINDER_WORKING_DAYS: '3' } });
      const q = new Queue(DEADLINES_QUEUE, { connection: redis, prefix });
      try {
        const job = await q.getJob(deadlineJobId(c.id, 1, 'reminder'));
        // Wednesday 02/12 08:00 in Viet Nam: three working days before the due date.
        expect(new Date(job!.data.at).toISOString()).toBe('2026-12-02T01:00:00.000Z');
      } finally {
        await q.close();
        await run.stop();
      }
    });
  });
});
