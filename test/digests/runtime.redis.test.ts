import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGESTS_QUEUE, WEEKLY_SCHEDULER_ID } from '../../src/digests/index.ts';
import { testRedis } from '../support/redis.ts';
import { startTestRuntime } from '../support/runtime.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

describe('digests in the program', () => {
  let smtp: TestSmtp;
  const redis = testRedis();

  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    redis.disconnect();
    await smtp.close();
  });

  it('a worker process registers the weekly run from the configuration and closes cleanly', async () => {
    const run = await startTestRuntime('pglite', {
      roles: ['worker'],
      env: { SMTP_URL: smtp.url, DIGEST_CRON: '30 6 * * 1', DIGEST_TZ: 'Asia/Ho_Chi_Minh' },
    });
    const q = new Queue(DIGESTS_QUEUE, { connection: redis, prefix: run.prefix });
    try {
      expect(await q.getJobScheduler(WEEKLY_SCHEDULER_ID)).toMatchObject({ pattern: '30 6 * * 1', tz: 'Asia/Ho_Chi_Minh' });
    } finally {
      await q.close();
      await run.stop();
    }
  });

  it('without SMTP_URL no weekly run is registered', async () => {
    const run = await startTestRuntime('pglite', { roles: ['worker'] });
    const q = new Queue(DIGESTS_QUEUE, { connection: redis, prefix: run.prefix });
    try {
      expect(await q.getJobSchedulersCount()).toBe(0);
    } finally {
      await q.close();
      await run.stop();
    }
  });
});
