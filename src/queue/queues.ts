import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RejectedItem } from '../channels/index.ts';
import type { ChannelEvent } from '../channels/types.ts';
import { EventPayloads } from './payloads.ts';
import { type InactivityTimerJob, type InboundJob, jobId, type MaintenanceJob, type OutboundJob, QUEUE, type TimerJob } from './jobs.ts';

const DAY_S = 24 * 3600;

// Finished jobs are kept a week so a platform's redelivery finds the job id and is a no-op at
// the queue; after that the messages table's unique key still stops a second copy.
const KEEP = { removeOnComplete: { age: 7 * DAY_S, count: 500_000 }, removeOnFail: { age: 30 * DAY_S } };

export const JOB_DEFAULTS = {
  // An outage of PostgreSQL or Redis does not spend attempts (the job waits it out, see
  // resilience.ts), so these count real failures: 12 from 0.5 s doubling span about half an
  // hour, then the job is a dead letter instead of retrying for months.
  inbound: { ...KEEP, attempts: 12, backoff: { type: 'exponential', delay: 500 } },
  // 2 s doubling over 10 attempts spans about half an hour: long enough to ride out a
  // platform incident, short enough that staff learn of a failure the same hour.
  outbound: { ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 2000 } },
  timers: { ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 1000 } },
  maintenance: { removeOnComplete: 100, removeOnFail: 100 },
} satisfies Record<string, JobsOptions>;

interface PendingBatch {
  readonly events: ChannelEvent[];
  done: Promise<void>;
}

export interface QueuesOptions {
  readonly connection: Redis;
  readonly prefix: string;
}

/** The producer side of every queue, shared by web and worker processes. */
export class Queues {
  readonly inbound: Queue<InboundJob>;
  readonly outbound: Queue<OutboundJob>;
  readonly timers: Queue<TimerJob>;
  readonly maintenance: Queue<MaintenanceJob>;
  /** What the inbound jobs refer to. */
  readonly payloads: EventPayloads;

  constructor(opts: QueuesOptions) {
    this.payloads = new EventPayloads(opts.connection, opts.prefix);
    const base = { connection: opts.connection, prefix: opts.prefix };
    this.inbound = new Queue<InboundJob>(QUEUE.inbound, { ...base, defaultJobOptions: JOB_DEFAULTS.inbound });
    this.outbound = new Queue<OutboundJob>(QUEUE.outbound, { ...base, defaultJobOptions: JOB_DEFAULTS.outbound });
    this.timers = new Queue<TimerJob>(QUEUE.timers, { ...base, defaultJobOptions: JOB_DEFAULTS.timers });
    this.maintenance = new Queue<MaintenanceJob>(QUEUE.maintenance, {
      ...base,
      defaultJobOptions: JOB_DEFAULTS.maintenance,
    });
  }

  /**
   * Resolves once Redis has accepted every event: only then may a webhook answer 200.
   * Webhooks arriving in the same turn of the event loop share one atomic addBulk, so a
   * burst costs one Redis round trip instead of one per request.
   */
  enqueueEvents(events: readonly ChannelEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (!this.#batch) {
      const batch: PendingBatch = { events: [], done: undefined as unknown as Promise<void> };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.#batch = undefined;
        return this.#addEvents(batch.events);
      });
      this.#batch = batch;
    }
    this.#batch.events.push(...events);
    return this.#batch.done;
  }

  #batch: PendingBatch | undefined;

  async #addEvents(events: readonly ChannelEvent[]): Promise<void> {
    // The events first: a job must never point at nothing.
    await this.payloads.put(events);
    // A lone event skips MULTI/EXEC, which costs BullMQ more than the add itself.
    const job = (e: ChannelEvent) =>
      ({ kind: 'event', platform: e.platform, accountRef: e.accountRef, eventId: e.eventId }) as const;
    if (events.length === 1) {
      const event = events[0]!;
      await this.inbound.add('event', job(event), { jobId: jobId.event(event) });
      return;
    }
    await this.inbound.addBulk(events.map((event) => ({ name: 'event', data: job(event), opts: { jobId: jobId.event(event) } })));
  }

  /** Unreadable items of a delivery, for a worker to record as dead letters. */
  async enqueueRejected(items: readonly RejectedItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.inbound.addBulk(items.map((item) => ({ name: 'rejected', data: { kind: 'rejected', item }, opts: { jobId: jobId.rejected(item) } })));
  }

  async enqueueDrain(conversationId: string, bucket: string): Promise<void> {
    await this.inbound.add('drain', { kind: 'drain', conversationId }, { jobId: jobId.drain(conversationId, bucket) });
  }

  async enqueueOutbound(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.outbound.addBulk(
      messageIds.map((messageId) => ({ name: 'send', data: { messageId }, opts: { jobId: jobId.outbound(messageId) } })),
    );
  }

  /** Asks a worker to end a conversation's hand-off now (under the conversation's lock). */
  async endHandoff(conversationId: string, requestId: string): Promise<void> {
    await this.timers.add(
      'end_handoff',
      { kind: 'end_handoff', conversationId, requestId },
      { jobId: jobId.endHandoff(conversationId, requestId) },
    );
  }

  async scheduleTimer(job: InactivityTimerJob, afterMs: number): Promise<void> {
    await this.timers.add(job.name, job, { jobId: jobId.timer(job.conversationId, job.token), delay: afterMs });
  }

  all(): Queue[] {
    return [this.inbound, this.outbound, this.timers, this.maintenance] as Queue[];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
