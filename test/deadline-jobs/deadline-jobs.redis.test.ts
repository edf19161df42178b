import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerCase, getCase, listCaseEvents, transferCase } from '../../src/cases/index.ts';
import {
  type DeadlineNotice,
  DeadlineScheduler,
  deadlineJobId,
  extendDeadline,
  type RunningDeadlineWorker,
  runDeadlineJob,
  startDeadlineWorker,
} from '../../src/deadline-jobs/index.ts';
import type { IsoDate } from '../../src/deadlines/index.ts';
import { countLateAndApologies, draftApologyLetter, getLetter, listLetters } from '../../src/letters/index.ts';
import { conversation, newCase, THUC_PHAN } from '../routing/fixtures.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { clearPrefix, testRedis, uniquePrefix } from '../support/redis.ts';
import { completedOutcome } from '../support/jobs.ts';

// Case received Monday 23/11/2026, due Monday 07/12/2026 (no holiday in between).
const RECEIVED = new Date('2026-11-23T03:00:00Z');
const REMINDER_AT = new Date('2026-12-03T01:00:00Z'); // Thu 03/12 08:00 in Viet Nam: 2 working days before
const ESCALATION_AT = new Date('2026-12-07T01:00:00Z'); // the due day, 08:00 in Viet Nam
const OVERDUE_AT = new Date('2026-12-07T17:00:00Z'); // the due day is over (00:00 on 08/12 in Viet Nam)

describe.each(DB_KINDS)('deadline jobs through real Redis, %s', (kind) => {
  let t: TestDatabase;
  let redis: Redis;
  let prefix: string;
  let clock: Date;
  const now = () => clock;
  const notices: DeadlineNotice[] = [];
  const running: RunningDeadlineWorker[] = [];
  let scheduler: DeadlineScheduler;
  let conv: string;

  const startWorker = async (opts: { resyncOnStart?: boolean } = {}) => {
    const w = await startDeadlineWorker({
      db: t.db,
      connection: redis,
      prefix,
      now,
      lockMs: 5000,
      resyncOnStart: opts.resyncOnStart ?? false,
      onNotice: async (n) => {
        notices.push(n);
      },
    });
    running.push(w);
    return w;
  };

  const outcome = (jobId: string) => completedOutcome(scheduler.queue as Queue, jobId);

  const kinds = async (caseId: string) => (await listCaseEvents(t.db, caseId)).map((e) => e.kind);

  beforeAll(async () => {
    t = await freshDatabase(kind);
    redis = testRedis();
    prefix = uniquePrefix(`deadlines-${kind}`);
    clock = RECEIVED;
    scheduler = new DeadlineScheduler({ connection: redis, prefix, now });
    conv = await conversation(t.db);
  });

  afterAll(async () => {
    for (const w of running) await w.close();
    await scheduler.close();
    await clearPrefix(redis, prefix);
    await redis.quit();
    await t.drop();
  });

  it('schedules reminder, escalation and overdue with delays from the injected clock', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    const s = await scheduler.schedule(t.db, c.id);
    expect(s.version).toBe(1);
    expect(s.jobs.map((j) => [j.kind, j.at.toISOString(), j.jobId])).toEqual([
      ['reminder', REMINDER_AT.toISOString(), `dl-${c.id}-v1-reminder`],
      ['escalation', ESCALATION_AT.toISOString(), `dl-${c.id}-v1-escalation`],
      ['overdue', OVERDUE_AT.toISOString(), `dl-${c.id}-v1-overdue`],
    ]);
    for (const [kind, at] of [
      ['reminder', REMINDER_AT],
      ['escalation', ESCALATION_AT],
      ['overdue', OVERDUE_AT],
    ] as const) {
      const job = await scheduler.queue.getJob(deadlineJobId(c.id, 1, kind));
      expect(await job!.getState()).toBe('delayed');
      expect(job!.delay).toBe(at.getTime() - RECEIVED.getTime());
      // The reminder carries the setting that drafts the apology of a case still unanswered then.
      const draftApology = kind === 'reminder' ? { draftApology: true } : {};
      expect(job!.data).toEqual({ caseId: c.id, version: 1, kind, at: at.getTime(), dueDate: '2026-12-07', ...draftApology });
    }
    expect(s.draftedLetterId).toBeNull();
  });

  it('drafts the apology of a tre_han complaint when it is first scheduled, and only then', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv, {
      classification: { label: 'cua_quyen', labels: ['cua_quyen', 'tre_han'], confidence: 0.8, targetsLeader: false, needsReview: false },
    });
    const first = await scheduler.schedule(t.db, c.id);
    expect(first.draftedLetterId).not.toBeNull();
    expect((await scheduler.schedule(t.db, c.id)).draftedLetterId).toBeNull();
    const letters = await listLetters(t.db, c.id);
    expect(letters.map((l) => [l.id, l.subject, l.createdAt.toISOString()])).toEqual([
      [first.draftedLetterId, 'late_result', RECEIVED.toISOString()],
    ]);
  });

  it('runs each job when the clock reaches it: reminder, escalation, then overdue with an apology drafted', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    await startWorker();

    clock = new Date(REMINDER_AT.getTime() - 60_000);
    expect(await scheduler.promoteDue()).toBe(0);
    // A job run before its time by the trusted clock goes back to waiting and does nothing.
    const early = await scheduler.queue.getJob(deadlineJobId(c.id, 1, 'reminder'));
    await early!.promote();
    await vi.waitFor(
      async () => {
        const job = await scheduler.queue.getJob(deadlineJobId(c.id, 1, 'reminder'));
        if ((await job!.getState()) !== 'delayed' || job!.attemptsStarted === 0) throw new Error('not yet sent back');
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(await kinds(c.id)).toEqual(['created']);

    clock = REMINDER_AT;
    expect(await scheduler.promoteDue()).toBeGreaterThanOrEqual(1);
    expect(await outcome(deadlineJobId(c.id, 1, 'reminder'))).toBe('done');
    // Still unanswered two working days before the due date: predicted late, apology drafted.
    expect(await kinds(c.id)).toEqual(['created', 'deadline_reminder', 'letter_drafted']);

    clock = ESCALATION_AT;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(c.id, 1, 'escalation'))).toBe('done');

    clock = OVERDUE_AT;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(c.id, 1, 'overdue'))).toBe('done');
    // The overdue job finds the draft made at the reminder and keeps it: one letter.
    expect(await kinds(c.id)).toEqual(['created', 'deadline_reminder', 'letter_drafted', 'deadline_escalated', 'overdue']);
    const [row] = await t.db.query<{ overdue_at: Date | string }>('SELECT overdue_at FROM cases WHERE id = $1', [c.id]);
    expect(new Date(row!.overdue_at).toISOString()).toBe(OVERDUE_AT.toISOString());
    const letters = await listLetters(t.db, c.id);
    expect(letters.map((l) => [l.subject, l.status])).toEqual([['late_answer', 'draft']]);
    const mine = notices.filter((n) => n.caseId === c.id);
    expect(mine.map((n) => n.kind)).toEqual(['reminder', 'escalation', 'overdue']);
    expect(mine[0]!.letterId).toBe(letters[0]!.id);
    expect(mine[1]!.letterId).toBeUndefined();
    expect(mine[2]!.letterId).toBe(letters[0]!.id);
    expect(mine[0]!.routedTo).toEqual({ kind: 'commune', code: '26882' });
  });

  it('reschedules on extension: the old jobs do nothing, the new due date gets its own', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    await t.db.transaction((tx) =>
      extendDeadline(tx, c.id, { newDue: '2026-12-14', reason: 'Cần xác minh thêm tại thực địa', actor: 'staff:lan', at: RECEIVED }),
    );
    const s = await scheduler.schedule(t.db, c.id);
    expect(s.version).toBe(2);
    expect(s.jobs[0]!.at.toISOString()).toBe('2026-12-10T01:00:00.000Z');

    // Past the old due date and at the new reminder time.
    clock = new Date('2026-12-10T01:00:00Z');
    await scheduler.promoteDue();
    for (const k of ['reminder', 'escalation', 'overdue'] as const) expect(await outcome(deadlineJobId(c.id, 1, k))).toBe('stale');
    expect(await outcome(deadlineJobId(c.id, 2, 'reminder'))).toBe('done');
    expect(await (await scheduler.queue.getJob(deadlineJobId(c.id, 2, 'overdue')))!.getState()).toBe('delayed');
    expect(await kinds(c.id)).toEqual(['created', 'deadline_extended', 'deadline_reminder', 'letter_drafted']);
    expect((await getCase(t.db, c.id))!.dueDate).toBe('2026-12-14');
    const reminder = (await listCaseEvents(t.db, c.id)).find((e) => e.kind === 'deadline_reminder');
    expect(reminder!.details).toMatchObject({ dueDate: '2026-12-14', version: 2 });
  });

  it('reschedules on answer: nothing more happens to an answered case', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    await t.db.transaction((tx) => answerCase(tx, c.id, 'Đã chấn chỉnh cán bộ.', 'staff:lan', RECEIVED));
    const s = await scheduler.schedule(t.db, c.id);
    expect(s).toMatchObject({ version: 2, jobs: [] });
    clock = OVERDUE_AT;
    await scheduler.promoteDue();
    for (const k of ['reminder', 'escalation', 'overdue'] as const) expect(await outcome(deadlineJobId(c.id, 1, k))).toBe('stale');
    expect(await kinds(c.id)).toEqual(['created', 'answered']);
  });

  it('reschedules on transfer: the reminder goes to the new commune', async () => {
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    const moved = await t.db.transaction((tx) =>
      transferCase(tx, c.id, { toCommuneCode: THUC_PHAN.code, reason: 'Nhầm phường', actor: 'staff:lan', at: RECEIVED }),
    );
    await scheduler.schedule(t.db, c.id);
    // The new commune's own clock runs from the transfer: its reminder follows its own due date.
    clock = scheduler.plan(moved.case.dueDate as IsoDate).reminder;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(c.id, 1, 'reminder'))).toBe('stale');
    expect(await outcome(deadlineJobId(c.id, 2, 'reminder'))).toBe('done');
    const reminder = (await listCaseEvents(t.db, c.id)).find((e) => e.kind === 'deadline_reminder');
    expect(reminder!.details).toMatchObject({ to: { kind: 'commune', code: THUC_PHAN.code } });
  });

  it('is not doubled by several workers, repeated scheduling of the same version, or a job run twice', async () => {
    await startWorker();
    await startWorker();
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    await scheduler.resync(t.db);
    await scheduler.resync(t.db);
    const ids = (await scheduler.queue.getDelayed()).map((j) => j.id).filter((id) => id?.startsWith(`dl-${c.id}-`));
    expect(ids.sort()).toEqual([`dl-${c.id}-v1-escalation`, `dl-${c.id}-v1-overdue`, `dl-${c.id}-v1-reminder`]);

    clock = OVERDUE_AT;
    await scheduler.promoteDue();
    for (const k of ['reminder', 'escalation', 'overdue'] as const) expect(await outcome(deadlineJobId(c.id, 1, k))).toBe('done');
    // The same job delivered again (a stalled job taken over, a re-add after completion).
    const job = (await scheduler.queue.getJob(deadlineJobId(c.id, 1, 'overdue')))!.data;
    expect((await t.db.transaction((tx) => runDeadlineJob(tx, job, OVERDUE_AT))).outcome).toBe('already_done');
    // Jobs that all came due together run in parallel, so only the set is fixed.
    expect((await kinds(c.id)).filter((k) => k !== 'created').sort()).toEqual([
      'deadline_escalated',
      'deadline_reminder',
      'letter_drafted',
      'overdue',
    ]);
    expect(await listLetters(t.db, c.id)).toHaveLength(1);
  });

  it('survives a restart: jobs wait in Redis for the next worker, and lost ones are re-added at start', async () => {
    for (const w of running.splice(0)) await w.close();
    clock = RECEIVED;
    const kept = await newCase(t.db, conv);
    await scheduler.schedule(t.db, kept.id);
    const lost = await newCase(t.db, conv);
    await scheduler.schedule(t.db, lost.id);
    // A crash between the commit and the enqueue: the jobs of `lost` never reached Redis.
    for (const k of ['reminder', 'escalation', 'overdue'] as const) {
      await (await scheduler.queue.getJob(deadlineJobId(lost.id, 1, k)))!.remove();
    }

    await startWorker({ resyncOnStart: true });
    expect(await scheduler.queue.getJob(deadlineJobId(lost.id, 1, 'reminder'))).toBeDefined();
    clock = REMINDER_AT;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(kept.id, 1, 'reminder'))).toBe('done');
    expect(await outcome(deadlineJobId(lost.id, 1, 'reminder'))).toBe('done');
    expect(await kinds(lost.id)).toEqual(['created', 'deadline_reminder', 'letter_drafted']);
  });

  it('withdraws the apology drafted at the reminder when the case is answered in time, and keeps one staff drafted', async () => {
    await startWorker();
    clock = RECEIVED;
    const c = await newCase(t.db, conv);
    await scheduler.schedule(t.db, c.id);
    clock = REMINDER_AT;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(c.id, 1, 'reminder'))).toBe('done');
    const [predicted] = await listLetters(t.db, c.id);
    expect(predicted).toMatchObject({ subject: 'late_answer', status: 'draft' });

    const drafted = () => countLateAndApologies(t.db, { scope: { kind: 'all' }, from: RECEIVED, to: OVERDUE_AT }).then((n) => n.apologiesDrafted);
    const draftedBefore = await drafted();
    await t.db.transaction((tx) => answerCase(tx, c.id, 'Đã sửa xong.', 'staff:lan', REMINDER_AT));
    await scheduler.schedule(t.db, c.id);
    // No longer a letter, nor counted as one; but nothing is deleted: the row stays, withdrawn.
    expect(await listLetters(t.db, c.id)).toEqual([]);
    expect(await getLetter(t.db, predicted!.id)).toBeNull();
    expect(await drafted()).toBe(draftedBefore - 1);
    const [kept] = await t.db.query<{ status: string; withdrawn: boolean }>(
      'SELECT status, withdrawn_at IS NOT NULL AS withdrawn FROM letters WHERE id = $1',
      [predicted!.id],
    );
    expect(kept).toEqual({ status: 'withdrawn', withdrawn: true });
    const withdrawn = (await listCaseEvents(t.db, c.id)).filter((e) => e.kind === 'letter_withdrawn');
    expect(withdrawn.map((e) => e.details)).toEqual([{ letterId: predicted!.id, subject: 'late_answer', reason: 'answered_in_time' }]);
    const audit = await t.db.query("SELECT 1 FROM audit_log WHERE action = 'letter.withdraw' AND entity_id = $1", [predicted!.id]);
    expect(audit).toHaveLength(1);

    // A draft staff made themselves is theirs to keep.
    clock = RECEIVED;
    const mine = await newCase(t.db, conv);
    await scheduler.schedule(t.db, mine.id);
    const own = await t.db.transaction((tx) => draftApologyLetter(tx, mine.id, { subject: 'late_answer', actor: 'staff:lan', now: RECEIVED }));
    await t.db.transaction((tx) => answerCase(tx, mine.id, 'Đã sửa xong.', 'staff:lan', RECEIVED));
    await scheduler.schedule(t.db, mine.id);
    expect((await listLetters(t.db, mine.id)).map((l) => l.id)).toEqual([own.id]);
  });

  it('drafts nothing ahead for a case that arrived after its reminder time, or when the setting is off', async () => {
    await startWorker();
    clock = RECEIVED;
    // Received the day after its reminder time (a short time limit): no prediction to make.
    const late = await newCase(t.db, conv, { receivedAt: new Date('2026-12-04T02:00:00Z') });
    await scheduler.schedule(t.db, late.id);
    const off = new DeadlineScheduler({ connection: redis, prefix, now, settings: { draftApologyAtReminder: false } });
    const plain = await newCase(t.db, conv);
    await off.schedule(t.db, plain.id);
    await off.close();
    expect((await scheduler.queue.getJob(deadlineJobId(plain.id, 1, 'reminder')))!.data.draftApology).toBeUndefined();
    clock = REMINDER_AT;
    await scheduler.promoteDue();
    expect(await outcome(deadlineJobId(late.id, 1, 'reminder'))).toBe('done');
    expect(await outcome(deadlineJobId(plain.id, 1, 'reminder'))).toBe('done');
    expect(await listLetters(t.db, late.id)).toEqual([]);
    expect(await listLetters(t.db, plain.id)).toEqual([]);
  });
});
