import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/observability/index.ts';
import { listDeadLetters } from '../../src/queue/index.ts';
import { guarded } from '../../src/queue/resilience.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { eventually } from '../support/runtime.ts';

/**
 * The guard every worker runs its jobs in, on a real queue: a job that keeps failing stops
 * after its attempts and becomes a dead letter (with the alert: an error log line and the
 * metric); a job that meets an unreachable database waits without spending attempts.
 */
describe.each(DB_KINDS)('bounded attempts (%s)', (kind) => {
  let t: TestDatabase;
  const redis = testRedis();
  const prefix = uniquePrefix('bounded');
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  const metrics = new Metrics();
  let queue: Queue;
  let worker: Worker;
  let calls = 0;
  let unreachableFor = 0;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    queue = new Queue('bounded', { connection: redis, prefix });
    worker = new Worker(
      'bounded',
      guarded({ db: t.db, log, metrics }, 'bounded', async (job) => {
        calls++;
        if (job.name === 'outage' && unreachableFor-- > 0) {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        }
        if (job.name === 'outage') return 'done';
        throw new Error('the platform keeps refusing');
      }),
      { connection: redis, prefix, concurrency: 2 },
    );
  });

  afterAll(async () => {
    await worker.close();
    await queue.close();
    await clearPrefix(redis, prefix);
    await redis.quit();
    await t.drop();
  });

  it('a job failing every time stops after its attempts and is a dead letter with an alert', async () => {
    const job = await queue.add('always-fails', {}, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await eventually(async () => (await job.getState()) === 'failed');
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(3);
    const letters = await listDeadLetters(t.db);
    expect(letters).toEqual([expect.objectContaining({ source: 'bounded', reference: job.id, reason: 'the platform keeps refusing', attempts: 3 })]);
    expect(lines.some((l) => l.level === 50 && l.msg === 'job given up and recorded as a dead letter')).toBe(true);
    expect(await metrics.registry.getSingleMetricAsString('congboc_dead_letters_total')).toContain('source="bounded"} 1');
  });

  it('a job meeting an unreachable database waits and does not spend its attempts', async () => {
    calls = 0;
    unreachableFor = 4;
    const job = await queue.add('outage', {}, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    await eventually(async () => (await job.getState()) === 'completed', 30_000);
    // Four outages and the success: with 2 attempts it would have failed had they counted;
    // only the successful run is counted as made.
    expect(calls).toBe(5);
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
  });
});
