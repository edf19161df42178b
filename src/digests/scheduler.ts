import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../db/index.ts';
import type { IsoDate } from '../deadlines/index.ts';
import type { Logger } from '../observability/index.ts';
import { type DeliveryDeps, deliverDigest, DigestDeliveryFailed, type DeliveryResult } from './deliver.ts';
import type { Mailer } from './mailer.ts';
import { scopesWithRecipients } from './recipients.ts';
import type { DigestScope } from './types.ts';
import { previousWeek } from './week.ts';

export const DIGESTS_QUEUE = 'digests';
export const WEEKLY_SCHEDULER_ID = 'weekly-digest';
export const DEFAULT_DIGEST_SCHEDULE = { pattern: '0 7 * * 1', tz: 'Asia/Ho_Chi_Minh' } as const;

/** The weekly run (fans out), or one unit's digest for one week. */
export type DigestJob =
  | { readonly kind: 'weekly'; /** Planned fire time (ms); when absent, the job's own. */ readonly at?: number }
  | { readonly kind: 'send'; readonly scope: DigestScope; readonly weekStart: IsoDate };

/** BullMQ refuses ':' in custom ids; the same unit and week always give the same id. */
export function digestJobId(scope: DigestScope, weekStart: IsoDate): string {
  return `digest-${scope.kind}-${scope.code}-${weekStart}`;
}

const DAY_S = 24 * 3600;

export interface DigestQueueOptions {
  readonly connection: Redis;
  readonly prefix: string;
  /** Sending attempts of one digest before it stays failed (default 8). */
  readonly attempts?: number;
  /** First retry delay, doubling each time (default one minute: 8 attempts span about 4 hours). */
  readonly backoffMs?: number;
}

/** The producer side of the "digests" queue. */
export class DigestQueue {
  readonly queue: Queue<DigestJob>;

  constructor(opts: DigestQueueOptions) {
    this.queue = new Queue<DigestJob>(DIGESTS_QUEUE, {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: {
        attempts: opts.attempts ?? 8,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? 60_000 },
        // Kept past the week, so a re-run of the fan-out finds the ids and adds nothing; after
        // that the digests table still refuses a second send.
        removeOnComplete: { age: 30 * DAY_S },
        removeOnFail: { age: 90 * DAY_S },
      },
    });
  }

  /** Registers (or updates) the weekly run; every worker may call it, there stays one scheduler. */
  async schedule(repeat: { pattern: string; tz: string } = DEFAULT_DIGEST_SCHEDULE): Promise<void> {
    await this.queue.upsertJobScheduler(WEEKLY_SCHEDULER_ID, repeat, { name: 'weekly', data: { kind: 'weekly' } });
  }

  /** One job per unit with recipients, for the given week; returns the job ids. */
  async fanOut(db: Database, weekStart: IsoDate): Promise<string[]> {
    const scopes = await scopesWithRecipients(db);
    await this.queue.addBulk(
      scopes.map((scope) => ({ name: 'send', data: { kind: 'send', scope, weekStart }, opts: { jobId: digestJobId(scope, weekStart) } })),
    );
    return scopes.map((s) => digestJobId(s, weekStart));
  }

  /** Queues one unit's digest (the id makes a repeat a no-op while the job is kept). */
  async enqueue(scope: DigestScope, weekStart: IsoDate): Promise<string> {
    const id = digestJobId(scope, weekStart);
    await this.queue.add('send', { kind: 'send', scope, weekStart }, { jobId: id });
    return id;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * Last complete week's digests, unless the next scheduled run is the one that reports it
 * (started between Monday 00:00 and the run's hour): then the schedule sends it on time.
 */
async function catchUp(queue: DigestQueue, db: Database, now: Date): Promise<{ week: IsoDate; ids: string[] } | null> {
  const next = (await queue.queue.getJobScheduler(WEEKLY_SCHEDULER_ID))?.next;
  const due = previousWeek(now).start;
  if (next !== undefined && previousWeek(new Date(next)).start === due) return null;
  return { week: due, ids: await queue.fanOut(db, due) };
}

/** Another process is sending this digest: the job tries again later and then finds it sent. */
export class DigestBusy extends Error {
  override name = 'DigestBusy';
}

export interface DigestWorkerDeps extends DigestQueueOptions {
  readonly db: Database;
  readonly mailer: Mailer;
  readonly from: string;
  readonly publicUrl?: string | undefined;
  /** Cron pattern and time zone of the weekly run; null leaves the schedule alone (tests). */
  readonly repeat?: { pattern: string; tz: string } | null;
  readonly log?: Logger;
  readonly now?: () => Date;
  readonly lockMs?: number;
  /**
   * At start, queue last week's digests when its Monday run is already past (default true).
   * Covers a run lost with Redis or a schedule registered mid-week; ids and the digests
   * table make it a no-op for units already served.
   */
  readonly catchUp?: boolean;
}

export interface RunningDigestWorker {
  readonly worker: Worker<DigestJob>;
  readonly queue: DigestQueue;
  close(): Promise<void>;
}

/** The consumer side: fans the weekly run out and sends each unit's digest. */
export async function startDigestWorker(d: DigestWorkerDeps): Promise<RunningDigestWorker> {
  const queue = new DigestQueue(d);
  const delivery: DeliveryDeps = { db: d.db, mailer: d.mailer, from: d.from, publicUrl: d.publicUrl, ...(d.now ? { now: d.now } : {}) };
  const lockMs = d.lockMs ?? 60_000;
  const worker = new Worker<DigestJob>(
    DIGESTS_QUEUE,
    async (job: Job<DigestJob>): Promise<string | DeliveryResult['outcome']> => {
      if (job.data.kind === 'weekly') {
        // The planned time, not the clock: a run delayed past midnight still reports its week.
        const at = job.data.at ?? job.timestamp + (job.opts.delay ?? 0);
        const week = previousWeek(new Date(at));
        const ids = await queue.fanOut(d.db, week.start);
        d.log?.info({ week: week.start, digests: ids.length }, 'weekly digests queued');
        return `queued ${ids.length}`;
      }
      const { scope, weekStart } = job.data;
      const result = await deliverDigest(delivery, { scope, weekStart });
      if (result.outcome === 'busy') throw new DigestBusy(`digest ${result.digestId} is held by another sender`);
      if (result.outcome === 'no_recipients') d.log?.warn({ scope, weekStart }, 'digest has no recipients');
      return result.outcome;
    },
    {
      connection: d.connection,
      prefix: d.prefix,
      concurrency: 2,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
    },
  );
  worker.on('failed', (job, err) => {
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : false;
    const details = {
      jobId: job?.id,
      attempt: job?.attemptsMade,
      err: err.message,
      ...(err instanceof DigestDeliveryFailed ? { digestId: err.digestId } : {}),
    };
    if (final) d.log?.error(details, 'digest not delivered: attempts exhausted');
    else d.log?.warn(details, 'digest attempt failed; will retry');
  });
  worker.on('error', (err) => d.log?.error({ err: err.message }, 'digest worker error'));
  // Without a listener BullMQ prints a lost Redis connection as raw text on stderr.
  queue.queue.on('error', (err) => d.log?.warn({ err: err.message }, 'digest queue error'));
  await worker.waitUntilReady();
  if (d.repeat !== null) {
    await queue.schedule(d.repeat ?? DEFAULT_DIGEST_SCHEDULE);
    if (d.catchUp ?? true) {
      const caught = await catchUp(queue, d.db, (d.now ?? (() => new Date()))());
      if (caught) d.log?.info({ week: caught.week, digests: caught.ids.length }, 'last week\'s digests queued at start');
    }
  }
  return {
    worker,
    queue,
    async close() {
      await worker.close();
      await queue.close();
      d.mailer.close();
    },
  };
}
