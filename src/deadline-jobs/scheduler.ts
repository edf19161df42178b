import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { getCase, type RouteTarget, recordAudit, recordCaseEvent } from '../cases/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { draftApologyLetter, withdrawPredictedApology } from '../letters/index.ts';
import type { Logger } from '../observability/index.ts';
import {
  DEADLINE_KINDS,
  DEADLINES_QUEUE,
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineJob,
  type DeadlineKind,
  type DeadlineSettings,
  type Deadlines,
  deadlineJobId,
  deadlinePlan,
  type IsoDate,
  deadlines as projectDeadlines,
} from '../deadlines/index.ts';

const DAY_S = 24 * 3600;

// Completed jobs stay a while so a re-add of the same id (resync after a restart) is a no-op
// at the queue; past that, deadline_runs still refuses a second effect.
const JOB_OPTIONS = {
  removeOnComplete: { age: 30 * DAY_S },
  removeOnFail: { age: 90 * DAY_S },
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
} as const;

/** Statuses in which a case still waits for its answer; other cases need no deadline job. */
const OPEN_STATUSES = ['new', 'in_progress', 'reopened'] as const;
const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

export interface DeadlineQueueOptions {
  readonly connection: Redis;
  readonly prefix: string;
  /** The clock: delays are computed from it, and a job run before its time by it waits again. */
  readonly now?: () => Date;
  readonly settings?: Partial<DeadlineSettings>;
  /** The calendar and time limits (default: the project's data). */
  readonly deadlines?: Deadlines;
}

export interface ScheduledDeadlines {
  readonly caseId: string;
  readonly version: number;
  /** Jobs added, by kind, with their planned time; empty when the case no longer waits. */
  readonly jobs: readonly { readonly kind: DeadlineKind; readonly at: Date; readonly jobId: string }[];
  /** The draft made because the case is a tre_han complaint, when one was made now. */
  readonly draftedLetterId: string | null;
}

interface CaseDeadlineRow {
  status: string;
  overdue: boolean;
  /** null for a compliment: no deadline, no jobs. */
  due_date: string | null;
  deadline_version: number;
  label: string;
  secondary_labels: string[];
}

/** The producer side of the "deadlines" queue (web and worker processes alike). */
export class DeadlineScheduler {
  readonly queue: Queue<DeadlineJob>;
  readonly now: () => Date;
  readonly settings: DeadlineSettings;
  readonly #deadlines: Deadlines | undefined;

  constructor(opts: DeadlineQueueOptions) {
    this.queue = new Queue<DeadlineJob>(DEADLINES_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: JOB_OPTIONS,
    });
    this.now = opts.now ?? (() => new Date());
    this.settings = { ...DEFAULT_DEADLINE_SETTINGS, ...opts.settings };
    this.#deadlines = opts.deadlines;
  }

  get deadlines(): Deadlines {
    return this.#deadlines ?? projectDeadlines();
  }

  plan(due: IsoDate): Record<DeadlineKind, Date> {
    return deadlinePlan(this.deadlines, due, this.settings);
  }

  /**
   * (Re)schedules a case after it was created, answered, transferred or extended: bumps its
   * schedule version (older jobs become no-ops) and adds the jobs of the new version. Call it
   * after the transaction that changed the case has committed. A tre_han complaint also gets
   * its apology drafted here, once.
   */
  async schedule(db: Database, caseId: string): Promise<ScheduledDeadlines> {
    const { row, draftedLetterId } = await db.transaction(async (tx) => {
      const rows = await tx.query<CaseDeadlineRow>(
        `UPDATE cases SET deadline_version = deadline_version + 1 WHERE id = $1
         RETURNING status, overdue_at IS NOT NULL AS overdue, to_char(due_date, 'YYYY-MM-DD') AS due_date, deadline_version, label, secondary_labels`,
        [caseId],
      );
      const r = rows[0];
      if (!r) throw new Error(`no case ${caseId}`);
      // Answered (or closed) in time: the apology drafted ahead of the due date is not needed.
      if (!isOpen(r.status) && !r.overdue) await withdrawPredictedApology(tx, caseId, { now: this.now() });
      return { row: r, draftedLetterId: await draftForLateResult(tx, caseId, r, this.now()) };
    });
    return { ...(await this.#addJobs(caseId, row)), draftedLetterId };
  }

  /**
   * Adds the jobs of the current version of every open case. Ids are deterministic, so jobs
   * already in Redis are not doubled; it repairs a crash between a commit and `schedule`.
   */
  async resync(db: Queryable): Promise<number> {
    const rows = await db.query<CaseDeadlineRow & { id: string }>(
      `SELECT id::text AS id, status, overdue_at IS NOT NULL AS overdue, to_char(due_date, 'YYYY-MM-DD') AS due_date, deadline_version, label, secondary_labels
       FROM cases WHERE status IN ('new', 'in_progress', 'reopened') AND deadline_version > 0`,
    );
    let added = 0;
    for (const r of rows) added += (await this.#addJobs(r.id, r)).jobs.length;
    return added;
  }

  /**
   * Moves delayed jobs whose time has come by the scheduler's clock to the waiting list. With
   * the real clock BullMQ does this itself; a clock that jumps (tests, a corrected server
   * time) needs it said.
   */
  async promoteDue(): Promise<number> {
    const now = this.now().getTime();
    let promoted = 0;
    for (const job of await this.queue.getDelayed()) {
      if (job.data.at <= now) {
        await job.promote();
        promoted++;
      }
    }
    return promoted;
  }

  async #addJobs(caseId: string, row: CaseDeadlineRow): Promise<Omit<ScheduledDeadlines, 'draftedLetterId'>> {
    const version = Number(row.deadline_version);
    const due = row.due_date;
    if (!isOpen(row.status) || due === null) return { caseId, version, jobs: [] };
    const plan = this.plan(due as IsoDate);
    const now = this.now().getTime();
    const jobs = DEADLINE_KINDS.map((kind) => ({ kind, at: plan[kind], jobId: deadlineJobId(caseId, version, kind) }));
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: j.kind,
        data: {
          caseId,
          version,
          kind: j.kind,
          at: j.at.getTime(),
          dueDate: due,
          ...(j.kind === 'reminder' && this.settings.draftApologyAtReminder ? { draftApology: true } : {}),
        },
        opts: { jobId: j.jobId, delay: Math.max(0, j.at.getTime() - now) },
      })),
    );
    return { caseId, version, jobs };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

async function draftForLateResult(tx: Queryable, caseId: string, r: CaseDeadlineRow, now: Date): Promise<string | null> {
  if (r.label !== 'tre_han' && !r.secondary_labels.includes('tre_han')) return null;
  const any = await tx.query("SELECT 1 FROM letters WHERE case_id = $1 AND subject = 'late_result'", [caseId]);
  if (any.length) return null;
  return (await draftApologyLetter(tx, caseId, { subject: 'late_result', now })).id;
}

async function lateAnswerLetter(tx: Queryable, caseId: string): Promise<{ letterId?: string }> {
  const rows = await tx.query<{ id: string }>(
    "SELECT id::text AS id FROM letters WHERE case_id = $1 AND subject = 'late_answer' AND status <> 'withdrawn' ORDER BY id DESC LIMIT 1",
    [caseId],
  );
  return rows[0] ? { letterId: rows[0].id } : {};
}

/** What staff (or a leader) must be told; the inbox reads the same facts from case_events. */
export interface DeadlineNotice {
  readonly kind: DeadlineKind;
  readonly caseId: string;
  readonly code: string;
  readonly dueDate: string;
  /** The schedule version the job belonged to: a notice is told once per case, kind and version. */
  readonly version: number;
  /** The unit whose staff (reminder) or leader (escalation) is meant. */
  readonly routedTo: RouteTarget;
  /** The apology drafted ahead of the due date (reminder) or when the case became overdue. */
  readonly letterId?: string;
}

export type DeadlineOutcome = 'done' | 'stale' | 'settled' | 'already_done';

/** Carries out one deadline job in one transaction; returns what it did (or why nothing). */
export async function runDeadlineJob(
  tx: Queryable,
  job: DeadlineJob,
  now: Date,
): Promise<{ outcome: DeadlineOutcome; notice?: DeadlineNotice }> {
  const rows = await tx.query<{ deadline_version: number; due_date: string | null; status: string }>(
    `SELECT deadline_version, to_char(due_date, 'YYYY-MM-DD') AS due_date, status FROM cases WHERE id = $1 FOR UPDATE`,
    [job.caseId],
  );
  const r = rows[0];
  if (!r || Number(r.deadline_version) !== job.version || r.due_date !== job.dueDate) return { outcome: 'stale' };
  if (!isOpen(r.status)) return { outcome: 'settled' };
  const c = (await getCase(tx, job.caseId))!;
  const dueDate = job.dueDate;
  const target = job.kind === 'overdue' ? '' : `${c.routedTo.kind}:${c.routedTo.code}`;
  const ran = await tx.query(
    `INSERT INTO deadline_runs (case_id, kind, due_date, target, ran_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING case_id`,
    [job.caseId, job.kind, job.dueDate, target, now],
  );
  // The job's due date is the case's (checked above).
  const base = { kind: job.kind, caseId: c.id, code: c.code, dueDate, version: job.version, routedTo: c.routedTo };
  if (!ran.length) {
    // Done before, perhaps by a worker that crashed before telling anyone: the notice is
    // given again, and telling is idempotent (one notification per user, case, kind, version).
    return { outcome: 'already_done', notice: job.kind === 'escalation' ? base : { ...base, ...(await lateAnswerLetter(tx, c.id)) } };
  }
  const details = { dueDate, to: c.routedTo, version: job.version };
  if (job.kind === 'reminder') {
    await recordCaseEvent(tx, c.id, 'deadline_reminder', 'system', now, details);
    // Still unanswered this close to the due date: predicted late. Not for a case whose
    // reminder time had passed before it arrived (a short time limit): that is no prediction.
    if (!job.draftApology || job.at <= c.receivedAt.getTime()) return { outcome: 'done', notice: base };
    const letter = await draftApologyLetter(tx, c.id, { subject: 'late_answer', now, predicted: true });
    return { outcome: 'done', notice: { ...base, letterId: letter.id } };
  }
  if (job.kind === 'escalation') {
    await recordCaseEvent(tx, c.id, 'deadline_escalated', 'system', now, { ...details, toRole: 'leader' });
    return { outcome: 'done', notice: base };
  }
  await tx.query('UPDATE cases SET overdue_at = $2, updated_at = $2 WHERE id = $1', [c.id, now]);
  await recordCaseEvent(tx, c.id, 'overdue', 'system', now, details);
  await recordAudit(tx, { actor: 'system', action: 'case.overdue', entity: 'case', entityId: c.id, details, at: now });
  const letter = await draftApologyLetter(tx, c.id, { subject: 'late_answer', now });
  return { outcome: 'done', notice: { ...base, letterId: letter.id } };
}

export interface DeadlineWorkerDeps extends DeadlineQueueOptions {
  readonly db: Database;
  readonly log?: Logger;
  /** Job lock: how soon the job of a crashed worker is taken over. */
  readonly lockMs?: number;
  /**
   * Told after each reminder, escalation and overdue commits (inbox notification, e-mail), and
   * again when a job that already ran is delivered again: a worker may have crashed between
   * the commit and the telling, so this must be idempotent. A rejection fails the job, and its
   * retries (with backoff) tell again until the telling succeeds.
   */
  readonly onNotice?: (notice: DeadlineNotice) => Promise<unknown>;
  /** Re-add the jobs of every open case at start (default true). */
  readonly resyncOnStart?: boolean;
}

export interface RunningDeadlineWorker {
  readonly worker: Worker<DeadlineJob>;
  readonly scheduler: DeadlineScheduler;
  close(): Promise<void>;
}

/** The consumer side of the "deadlines" queue; several may run, each job runs once. */
export async function startDeadlineWorker(d: DeadlineWorkerDeps): Promise<RunningDeadlineWorker> {
  const scheduler = new DeadlineScheduler(d);
  const lockMs = d.lockMs ?? 30_000;
  const worker = new Worker<DeadlineJob>(
    DEADLINES_QUEUE,
    async (job: Job<DeadlineJob>, token?: string) => {
      const now = scheduler.now();
      if (now.getTime() < job.data.at) {
        // Run early by the clock we trust (another process's clock ran ahead): wait again.
        await job.moveToDelayed(Date.now() + (job.data.at - now.getTime()), token);
        throw new DelayedError();
      }
      const result = await d.db.transaction((tx) => runDeadlineJob(tx, job.data, now));
      // The effect is committed; a telling that fails fails the job, whose retry finds the
      // effect done (already_done) and tells again, which is idempotent.
      if (result.notice && d.onNotice) await d.onNotice(result.notice);
      return result.outcome;
    },
    {
      connection: d.connection,
      prefix: d.prefix,
      concurrency: 4,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
    },
  );
  worker.on('failed', (job, err) => d.log?.warn({ jobId: job?.id, err: err.message }, 'deadline job failed'));
  worker.on('error', (err) => d.log?.error({ err: err.message }, 'deadline worker error'));
  // Without a listener BullMQ prints a lost Redis connection as raw text on stderr.
  scheduler.queue.on('error', (err) => d.log?.warn({ err: err.message }, 'deadline queue error'));
  await worker.waitUntilReady();
  if (d.resyncOnStart ?? true) await scheduler.resync(d.db);
  return {
    worker,
    scheduler,
    async close() {
      await worker.close();
      await scheduler.close();
    },
  };
}

/** After creating, answering, transferring or extending a case (once committed). */
export function scheduleCaseDeadlines(scheduler: DeadlineScheduler, db: Database, caseId: string): Promise<ScheduledDeadlines> {
  return scheduler.schedule(db, caseId);
}
