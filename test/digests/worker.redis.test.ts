import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/deadlines/index.ts';
import {
  addRecipient,
  DEFAULT_DIGEST_SCHEDULE,
  digestJobId,
  getDigestRecord,
  previousWeek,
  type RunningDigestWorker,
  smtpMailer,
  startDigestWorker,
  WEEKLY_SCHEDULER_ID,
} from '../../src/digests/index.ts';
import { t } from '../../src/i18n/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { NOW, PROVINCE, seedWeek, THUC_PHAN } from './seed.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

const commune = { kind: 'commune' as const, code: THUC_PHAN.code };
const province = { kind: 'province' as const, code: PROVINCE };
const FROM = 'Công Bộc <congboc@ubnd.example.vn>';

describe.each(DB_KINDS)('digest worker through Redis on %s', (kind) => {
  let t0: TestDatabase;
  let redis: Redis;
  let smtp: TestSmtp;
  let prefix: string;
  const logLines: { level: number; msg: string; err?: string; jobId?: string }[] = [];
  const workers: RunningDigestWorker[] = [];

  const start = (
    repeat: { pattern: string; tz: string } | null,
    o: { prefix?: string; catchUp?: boolean; now?: Date } = {},
  ) =>
    startDigestWorker({
      db: t0.db,
      connection: redis,
      prefix: o.prefix ?? prefix,
      mailer: smtpMailer(smtp.url),
      from: FROM,
      repeat,
      catchUp: o.catchUp ?? false,
      attempts: 3,
      backoffMs: 50,
      now: () => o.now ?? NOW,
      log: createLogger(
        'info',
        new Writable({
          write(chunk, _enc, cb) {
            for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
            cb();
          },
        }),
      ),
    }).then((w) => {
      workers.push(w);
      return w;
    });

  const stateOf = async (w: RunningDigestWorker, id: string) => (await w.queue.queue.getJob(id))?.getState();
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    t0 = await freshDatabase(kind);
    await seedWeek(t0.db);
    redis = testRedis();
    prefix = uniquePrefix('digests');
    smtp = await startTestSmtp();
    await addRecipient(t0.db, { scope: commune, email: 'chu.tich@thucphan.example.vn', name: 'Chủ tịch' });
    await addRecipient(t0.db, { scope: commune, email: 'pho.chu.tich@thucphan.example.vn', name: 'Phó Chủ tịch' });
    await addRecipient(t0.db, { scope: province, email: 'so.noi.vu@caobang.example.vn' });
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await clearPrefix(redis, prefix);
    await clearPrefix(redis, `${prefix}-late`);
    await clearPrefix(redis, `${prefix}-early`);
    redis.disconnect();
    await smtp.close();
    await t0.drop();
  });

  it('registers one weekly job scheduler, Monday 07:00 in Viet Nam', async () => {
    await start(DEFAULT_DIGEST_SCHEDULE);
    await start(DEFAULT_DIGEST_SCHEDULE);
    const q = workers[0]!.queue.queue;
    expect(await q.getJobSchedulersCount()).toBe(1);
    const s = await q.getJobScheduler(WEEKLY_SCHEDULER_ID);
    expect(s).toMatchObject({ pattern: '0 7 * * 1', tz: 'Asia/Ho_Chi_Minh' });
    const next = new Date(s!.next!);
    // 07:00 in Viet Nam is 00:00 UTC, on a Monday.
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 0, 0]);
    expect(next.getTime()).toBeGreaterThan(Date.now());
  });

  it('fans the weekly run out to one job per unit, and two workers send each mail once', async () => {
    const w = workers[0]!;
    await w.queue.queue.add('weekly', { kind: 'weekly', at: Date.parse('2026-11-23T00:00:00Z') });
    const ids = [digestJobId(commune, '2026-11-16' as IsoDate), digestJobId(province, '2026-11-16' as IsoDate)];
    expect(ids).toEqual(['digest-commune-01273-2026-11-16', 'digest-province-04-2026-11-16']);
    for (const id of ids) await expect.poll(() => stateOf(w, id), { timeout: 20_000 }).toBe('completed');
    expect(mailsTo('chu.tich@thucphan.example.vn')).toHaveLength(1);
    expect(mailsTo('pho.chu.tich@thucphan.example.vn')).toHaveLength(1);
    expect(mailsTo('so.noi.vu@caobang.example.vn')).toHaveLength(1);
    expect(mailsTo('chu.tich@thucphan.example.vn')[0]!.text()).toContain(`${t('vi', 'digests.metric.received')}: 4`);

    // The weekly run again (a second fire, a replayed job): the ids exist, nothing is added.
    await w.queue.queue.add('weekly', { kind: 'weekly', at: Date.parse('2026-11-23T00:05:00Z') });
    await expect.poll(async () => (await w.queue.queue.getJobCounts('completed')).completed, { timeout: 20_000 }).toBe(4);
    // Even once Redis has forgotten the jobs, the digests table refuses a second send.
    for (const id of ids) await (await w.queue.queue.getJob(id))!.remove();
    await w.queue.enqueue(commune, '2026-11-16' as IsoDate);
    await expect.poll(() => stateOf(w, ids[0]!), { timeout: 20_000 }).toBe('completed');
    expect((await w.queue.queue.getJob(ids[0]!))!.returnvalue).toBe('already_sent');
    expect(smtp.received).toHaveLength(3);
  });

  it('reports the week before the planned fire time of the scheduler', async () => {
    const w = workers[0]!;
    const before = smtp.received.length;
    const [job] = (await w.queue.queue.getDelayed()).filter((j) => j.name === 'weekly');
    expect(job).toBeDefined();
    const planned = (await w.queue.queue.getJobScheduler(WEEKLY_SCHEDULER_ID))!.next!;
    const week = previousWeek(new Date(planned)).start;
    expect(week < previousWeek(new Date()).start).toBe(false);
    await job!.promote();
    await expect.poll(() => stateOf(w, digestJobId(province, week)), { timeout: 20_000 }).toBe('completed');
    await expect.poll(() => stateOf(w, digestJobId(commune, week)), { timeout: 20_000 }).toBe('completed');
    expect(smtp.received.length - before).toBe(3);
    expect(await getDigestRecord(t0.db, { scope: province, weekStart: week })).toMatchObject({ status: 'sent' });
  });

  it('retries a failing SMTP server with backoff and records the outcome', async () => {
    const w = workers[0]!;
    const week = '2026-11-09' as IsoDate;
    smtp.failNext(2);
    const id = await w.queue.enqueue(province, week);
    await expect.poll(() => stateOf(w, id), { timeout: 20_000 }).toBe('completed');
    expect(mailsTo('so.noi.vu@caobang.example.vn').filter((m) => m.text().includes('09/11/2026'))).toHaveLength(1);
    expect(await getDigestRecord(t0.db, { scope: province, weekStart: week })).toMatchObject({ status: 'sent', attempts: 3, error: null });
    const retries = logLines.filter((l) => l.jobId === id && l.msg === 'digest attempt failed; will retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]!.err).toMatch(/451/);
  });

  it('leaves a digest it could not send as failed, with the reason, once attempts run out', async () => {
    const w = workers[0]!;
    const week = '2026-11-02' as IsoDate;
    smtp.refuseAll(true);
    const id = await w.queue.enqueue(commune, week);
    await expect.poll(() => stateOf(w, id), { timeout: 20_000 }).toBe('failed');
    smtp.refuseAll(false);
    const record = await getDigestRecord(t0.db, { scope: commune, weekStart: week });
    expect(record).toMatchObject({ status: 'failed', attempts: 3 });
    expect(record!.error).toMatch(/554/);
    expect(logLines.filter((l) => l.jobId === id && l.msg === 'digest not delivered: attempts exhausted')).toHaveLength(1);
    expect(logLines.find((l) => l.jobId === id && l.msg === 'digest not delivered: attempts exhausted')!.level).toBe(50);
  });

  it('at start, queues last week when its Monday run is past, and leaves it to the schedule when not', async () => {
    // Redis lost last Monday's run: a worker starting on Tuesday sends the week anyway,
    // and units already served are not mailed again.
    const before = smtp.received.length;
    const late = await start(DEFAULT_DIGEST_SCHEDULE, { prefix: `${prefix}-late`, catchUp: true });
    const id = digestJobId(commune, '2026-11-16' as IsoDate);
    await expect.poll(() => stateOf(late, id), { timeout: 20_000 }).toBe('completed');
    expect((await late.queue.queue.getJob(id))!.returnvalue).toBe('already_sent');
    expect(smtp.received.length).toBe(before);

    // Started on Monday at 03:00 in Viet Nam: the 07:00 run is the one to send last week.
    const next = (await late.queue.queue.getJobScheduler(WEEKLY_SCHEDULER_ID))!.next!;
    const early = await start(DEFAULT_DIGEST_SCHEDULE, { prefix: `${prefix}-early`, catchUp: true, now: new Date(next - 4 * 3600_000) });
    expect((await early.queue.queue.getJobCounts('waiting', 'active', 'completed', 'failed'))).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0 });
  });
});
