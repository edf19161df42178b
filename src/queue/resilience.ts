import { DelayedError, type Job, type Processor, UnrecoverableError } from 'bullmq';
import { type ChannelEvent, ChannelSendError } from '../channels/types.ts';
import { type Database, isConnectionError, isDataError } from '../db/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { recordDeadLetter } from './dead-letters.ts';

/**
 * What a job's failure means. A dependency that is down (PostgreSQL restarting, Redis away)
 * is waited out without spending an attempt, however long it lasts; data the database can
 * never store goes to the dead letters at once; anything else is retried a bounded number of
 * times and then dead-lettered, so nothing retries for months and nothing is lost silently.
 */

/** How long a job waits for a dependency before it tries again (plus up to as much jitter). */
const UNAVAILABLE_WAIT_MS = 1_000;

// ioredis, when a command cannot reach the server (its offline queue off, or given up on).
const REDIS_UNAVAILABLE = /Connection is closed|Stream isn't writeable|Command timed out|MaxRetriesPerRequest/i;

/** PostgreSQL or Redis is unreachable. A platform that is down is not: its sends have bounded retries. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof ChannelSendError) return false;
  return isConnectionError(err) || (err instanceof Error && REDIS_UNAVAILABLE.test(err.message));
}

export interface GuardDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly metrics: Metrics;
}

export function guarded<T>(d: GuardDeps, queue: string, processor: Processor<T>): Processor<T> {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      if (isUnavailable(err)) {
        d.metrics.dependencyWaits.inc({ queue });
        d.log.warn({ queue, jobId: job.id, err: messageOf(err) }, 'a dependency is unreachable; the job waits and tries again');
        await job.moveToDelayed(Date.now() + UNAVAILABLE_WAIT_MS + Math.floor(Math.random() * UNAVAILABLE_WAIT_MS), token);
        throw new DelayedError();
      }
      if (isDataError(err) || err instanceof Unstorable) {
        await deadLetter(d, queue, job, `cannot be stored: ${messageOf(err)}`);
        return 'dead-lettered' as never;
      }
      const lastAttempt = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await deadLetter(d, queue, job, messageOf(err)).catch((e: unknown) => d.log.error({ queue, jobId: job.id, err: e }, 'dead letter not recorded'));
      throw err;
    }
  };
}

async function deadLetter(d: GuardDeps, queue: string, job: Job, reason: string): Promise<void> {
  const event = eventOf(job.data);
  const isNew = await recordDeadLetter(d.db, {
    source: queue,
    reference: String(job.id),
    platform: event?.platform,
    accountRef: event?.accountRef,
    reason,
    attempts: job.attemptsMade + 1,
  });
  if (!isNew) return;
  d.metrics.deadLetters.inc({ source: queue });
  // The alert: an error line an operator's log alerting picks up, the metric, the admin page.
  d.log.error({ queue, jobId: job.id, platform: event?.platform, reason }, 'job given up and recorded as a dead letter');
}

/** The platform and account an inbound job's event came from (the job carries ids, not the event). */
function eventOf(data: unknown): Pick<ChannelEvent, 'platform' | 'accountRef'> | undefined {
  const e = data as { kind?: unknown; platform?: unknown; accountRef?: unknown } | null;
  if (e?.kind !== 'event' || typeof e.platform !== 'string' || typeof e.accountRef !== 'string') return undefined;
  return { platform: e.platform as ChannelEvent['platform'], accountRef: e.accountRef };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Work whose data no retry can make storable (checked before the database is asked). */
export class Unstorable extends Error {
  override name = 'Unstorable';
}

/** An event's time may be late (a redelivery) but not from the future, nor from long ago. */
const AHEAD_MS = 5 * 60_000;
const BEHIND_MS = 30 * 24 * 3_600_000;

/**
 * The event's time within a sane window around its receipt: a clock set five years ahead
 * must not hold the reply window open until then, nor sort the message after every other.
 * A value that is no representable time at all (1e20) is refused: a dead letter, not a guess.
 */
export function clampEventTime(event: ChannelEvent, receivedAt: number): ChannelEvent {
  const t = event.timestamp;
  if (!Number.isFinite(t) || Number.isNaN(new Date(t).getTime())) throw new Unstorable(`timestamp ${String(t)} is not a time`);
  if (t > receivedAt + AHEAD_MS) return { ...event, timestamp: receivedAt };
  if (t < receivedAt - BEHIND_MS) return { ...event, timestamp: receivedAt };
  return event;
}
