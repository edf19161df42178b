import { DelayedError, type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { findAccount, getAccount } from '../accounts/index.ts';
import type { RejectedItem } from '../channels/index.ts';
import {
  type ChannelAccount,
  ChannelSendError,
  type OutboundMessage,
  type Platform,
  type SendResult,
} from '../channels/types.ts';
import type { Database } from '../db/index.ts';
import {
  claimForSending,
  conversationOfInbound,
  deferSend,
  conversationsWithUnprocessed,
  ensureConversation,
  hasEarlierUnsettled,
  loadConversation,
  loadOutbound,
  pendingOutbound,
  recordSendResult,
  storeInbound,
} from '../messaging/index.ts';
import { noticeNotDelivered } from '../notify/index.ts';
import { expireContacts } from '../privacy/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { ConversationRunner } from './conversation-runner.ts';
import { type InboundJob, type MaintenanceJob, type OutboundJob, QUEUE, type TimerJob } from './jobs.ts';
import type { Queues } from './queues.ts';
import { type ChannelAlert, noteSend, refreshTokens } from './channel-health.ts';
import { recordDeadLetter } from './dead-letters.ts';
import { clampEventTime, guarded, isUnavailable } from './resilience.ts';
import type { Responder } from './responder.ts';

/** How soon a reply waiting for an earlier one looks again. */
const ORDER_WAIT_MS = 200;
/** A send refused for the night is tried again in the morning while it is younger than this. */
const DEFER_MAX_AGE_MS = 48 * 3_600_000;
/** Sends deferred to the same morning are spread over this long, not all at the minute. */
const DEFER_SPREAD_MS = 10 * 60_000;

/** The sending side of a channel, as the outbound worker needs it. */
export interface SendingClient {
  send(account: ChannelAccount, userRef: string, message: OutboundMessage, opts?: object): Promise<SendResult>;
  senderAction?(account: ChannelAccount, userRef: string, action: 'typing_on' | 'mark_seen'): Promise<void>;
}

export interface WorkerDeps {
  readonly db: Database;
  /** For locks; BullMQ workers get their own connections from `connection`. */
  readonly redis: Redis;
  readonly connection: Redis;
  readonly prefix: string;
  readonly queues: Queues;
  readonly responder: Responder;
  readonly clients: Partial<Record<Platform, SendingClient>>;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly concurrency: number;
  /** Job and conversation lock duration: how soon work of a crashed worker is taken over. */
  readonly lockMs: number;
  readonly onCaseCreated?: (c: { id: string; code: string }) => Promise<void>;
  /** How old an unhandled message or unsent reply must be before the sweeper re-queues it. */
  readonly sweepAfterMs?: number;
  readonly sweepEveryMs?: number;
  /** Erase contact details of cases answered or closed this many days ago, daily; 0 keeps them. */
  readonly retentionDays?: number;
  /** The scheduled token refresh (every `tokenRefreshEveryMs`); absent: none is scheduled. */
  readonly refreshIfDue?: (account: ChannelAccount) => Promise<'fresh' | 'refreshed'>;
  readonly tokenRefreshEveryMs?: number;
  /** Told when a channel account turns bad (needs re-grant, restricted, token expiring). */
  readonly alertAdmins?: (alert: ChannelAlert) => Promise<void>;
}

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

export async function startWorkers(d: WorkerDeps): Promise<RunningWorkers> {
  const runner = new ConversationRunner({
    db: d.db,
    redis: d.redis,
    queues: d.queues,
    responder: d.responder,
    log: d.log,
    lockPrefix: d.prefix,
    lockTtlMs: d.lockMs,
    ...(d.onCaseCreated ? { onCaseCreated: d.onCaseCreated } : {}),
  });
  const opts = {
    connection: d.connection,
    prefix: d.prefix,
    lockDuration: d.lockMs,
    stalledInterval: Math.max(500, Math.floor(d.lockMs / 2)),
    // A Redis restart can leave a job's lock unrenewed twice in a row; it is taken over again
    // rather than failed ("stalled more than allowable limit").
    maxStalledCount: 5,
  };
  const workers = [
    new Worker<InboundJob>(QUEUE.inbound, guarded(d, QUEUE.inbound, inboundProcessor(d, runner)), { ...opts, concurrency: d.concurrency }),
    new Worker<OutboundJob>(QUEUE.outbound, guarded(d, QUEUE.outbound, outboundProcessor(d)), { ...opts, concurrency: d.concurrency }),
    new Worker<TimerJob>(
      QUEUE.timers,
      guarded(d, QUEUE.timers, (job, token) =>
        job.data.kind === 'end_handoff'
          ? runner.endHandoff(job.data.conversationId, job.data.requestId, job, token)
          : runner.fireTimer(job.data.conversationId, job.data.token, job.data.name, job, token),
      ),
      { ...opts, concurrency: d.concurrency },
    ),
    new Worker<MaintenanceJob>(
      QUEUE.maintenance,
      guarded(d, QUEUE.maintenance, (job) =>
        job.data.kind === 'retention' ? retention(d) : job.data.kind === 'tokens' ? scheduledRefresh(d) : sweep(d),
      ),
      { ...opts, concurrency: 1 },
    ),
  ];
  for (const w of workers) observe(w, d);
  await d.queues.maintenance.upsertJobScheduler(
    'sweep',
    { every: d.sweepEveryMs ?? 60_000 },
    { name: 'sweep', data: { kind: 'sweep' } },
  );
  if (d.refreshIfDue) {
    await d.queues.maintenance.upsertJobScheduler(
      'tokens',
      { every: d.tokenRefreshEveryMs ?? 30 * 60_000 },
      { name: 'tokens', data: { kind: 'tokens' } },
    );
  }
  // Every worker registers the same daily run (BullMQ keeps one); switched off, it is removed.
  if (d.retentionDays) {
    await d.queues.maintenance.upsertJobScheduler(
      'retention',
      { pattern: '30 2 * * *', tz: 'Asia/Ho_Chi_Minh' },
      { name: 'retention', data: { kind: 'retention' } },
    );
  } else {
    await d.queues.maintenance.removeJobScheduler('retention');
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

function inboundProcessor(d: WorkerDeps, runner: ConversationRunner): Processor<InboundJob> {
  return async (job, token) => {
    if (job.data.kind === 'drain') return runner.drain(job.data.conversationId, job, token);
    if (job.data.kind === 'rejected') return rejected(d, job.data.item);
    const waiting = await d.queues.payloads.get(job.data);
    if (!waiting) {
      // Stored by an earlier attempt that stopped before it finished: handle what it stored.
      const stored = await conversationOfInbound(d.db, job.data);
      if (stored) return runner.drain(stored, job, token);
      d.log.warn({ platform: job.data.platform, eventId: job.data.eventId }, 'inbound event no longer waiting (expired): dropped');
      return 0;
    }
    // Stored with a time inside a sane window around its receipt (the job's creation).
    const event = clampEventTime(waiting, job.timestamp);
    const account = await findAccount(d.db, event.platform, event.accountRef);
    if (!account) {
      d.log.warn({ platform: event.platform, accountRef: event.accountRef }, 'event for an unknown channel account dropped');
      return 0;
    }
    const conversationId = await ensureConversation(d.db, account.id, event.userRef);
    const isNew = await storeInbound(d.db, conversationId, event);
    // Durable in the database now: the copy waiting in Redis goes.
    await d.queues.payloads.remove(event);
    if (isNew) await acknowledge(d, account, conversationId, event.userRef);
    return runner.drain(conversationId, job, token);
  };
}

/** A webhook answered 200 for an item it could not read; admins see it among the dead letters. */
async function rejected(d: WorkerDeps, item: RejectedItem): Promise<string> {
  const isNew = await recordDeadLetter(d.db, { source: 'webhook', ...item, accountRef: item.accountRef ?? undefined, attempts: 0 });
  if (isNew) {
    d.metrics.deadLetters.inc({ source: 'webhook' });
    d.log.error({ platform: item.platform, reference: item.reference, reason: item.reason }, 'unreadable webhook item recorded as a dead letter');
  }
  return 'dead-lettered';
}

/**
 * "Seen" and "typing…" are courtesies: never worth delaying or failing a turn for. During a
 * staff hand-off the bot does not answer, so it does not pretend to be typing either.
 */
async function acknowledge(d: WorkerDeps, account: ChannelAccount, conversationId: string, userRef: string): Promise<void> {
  const client = d.clients[account.platform];
  if (!client?.senderAction) return;
  if (d.responder.withStaff) {
    const conv = await loadConversation(d.db, conversationId);
    if (conv && d.responder.withStaff(conv.state)) return;
  }
  void client
    .senderAction(account, userRef, 'mark_seen')
    .then(() => client.senderAction?.(account, userRef, 'typing_on'))
    .catch((err: unknown) => d.log.debug({ err }, 'sender action failed'));
}

function outboundProcessor(d: WorkerDeps): Processor<OutboundJob> {
  return async (job, token) => {
    const { messageId } = job.data;
    if (await hasEarlierUnsettled(d.db, messageId)) {
      // Replies reach the citizen in the order they were written: wait for the one before.
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
      throw new DelayedError();
    }
    const claim = await claimForSending(d.db, messageId);
    if (typeof claim === 'object') {
      // Picked up early (the sweep, a clock a little behind the database's): wait again.
      await job.moveToDelayed(Math.max(claim.deferredUntil.getTime(), Date.now() + 1000), token);
      throw new DelayedError();
    }
    if (claim === 'final') return 'already-final';
    if (claim === 'was_sending') {
      // A process died between claiming and recording: the platform may have the message.
      // Sending again could make the citizen read it twice, so staff are told instead.
      await recordSendResult(d.db, messageId, { status: 'uncertain', error: 'interrupted during send' });
      d.metrics.sends.inc({ channel: 'unknown', outcome: 'uncertain' });
      return 'uncertain';
    }
    const row = await loadOutbound(d.db, messageId);
    const account = row ? await getAccount(d.db, row.accountId) : null;
    const client = row ? d.clients[row.platform] : undefined;
    if (!row || !account || !client) {
      await recordSendResult(d.db, messageId, { status: 'failed', error: 'no channel client or account' });
      throw new UnrecoverableError('no channel client or account for this message');
    }
    try {
      // The outbox id travels as the send's tracking id (ZNS keeps it with the paid message).
      const res = await client.send(account, row.userRef, row.message, { ...row.sendOptions, trackingId: row.id });
      // The citizen has it now: if the database is away, recording that waits for it, since a
      // retry would find the message 'sending' and could only call it uncertain.
      await untilReachable(d, () => recordSendResult(d.db, messageId, { status: 'sent', platformMessageId: res.platformMessageId }));
      await noteSend(d, account, 'sent');
      d.metrics.sends.inc({ channel: row.platform, outcome: 'sent' });
      return 'sent';
    } catch (err) {
      await noteSend(d, account, err);
      await handleSendError(d, job, token, row.platform, messageId, err);
      throw err;
    }
  };
}

/** How long a sent reply waits for the database to record it before the job gives it up as uncertain. */
const RECORD_PATIENCE_MS = 5 * 60_000;

async function untilReachable(d: WorkerDeps, write: () => Promise<unknown>): Promise<void> {
  const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      await write();
      return;
    } catch (err) {
      if (!isUnavailable(err) || Date.now() > giveUpAt) throw err;
      d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'a sent reply waits for the database to record it');
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function handleSendError(d: WorkerDeps, job: Job, token: string | undefined, platform: Platform, messageId: string, err: unknown) {
  const kind = err instanceof ChannelSendError ? err.kind : 'transient';
  const retryable = err instanceof ChannelSendError ? err.retryable : true;
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const detail = `${kind}: ${err instanceof Error ? err.message : String(err)}`;
  const retryAt = err instanceof ChannelSendError ? err.retryAt : undefined;
  if (retryAt && (await deferSend(d.db, messageId, retryAt, detail, DEFER_MAX_AGE_MS))) {
    // Refused for the hour: the same message goes in the morning, without using an attempt.
    d.metrics.sends.inc({ channel: platform, outcome: 'deferred' });
    d.log.info({ messageId, retryAt: retryAt.toISOString() }, 'send deferred until the platform takes it again');
    await job.moveToDelayed(retryAt.getTime() + (Number(messageId) % (DEFER_SPREAD_MS / 1000)) * 1000, token);
    throw new DelayedError();
  }
  if (retryable && !lastAttempt) {
    await recordSendResult(d.db, messageId, { status: 'pending', error: detail });
    d.metrics.sends.inc({ channel: platform, outcome: 'retry' });
    return;
  }
  // A case notice that cannot arrive becomes a phone call for staff, committed with the failure.
  await d.db.transaction(async (tx) => {
    await recordSendResult(tx, messageId, { status: 'failed', error: detail });
    await noticeNotDelivered(tx, messageId, detail);
  });
  d.metrics.sends.inc({ channel: platform, outcome: 'failed' });
  d.log.warn({ messageId, kind }, 'reply could not be delivered');
  if (!retryable) throw new UnrecoverableError(detail);
}

async function scheduledRefresh(d: WorkerDeps): Promise<number> {
  return d.refreshIfDue ? refreshTokens(d, d.refreshIfDue) : 0;
}

/** The retention period is over for these cases: their contact details go (DOMAIN.md §6). */
async function retention(d: WorkerDeps): Promise<number> {
  const erased = await expireContacts(d.db, d.retentionDays ?? 0, new Date());
  if (erased > 0) d.log.info({ cases: erased }, 'contact details erased after the retention period');
  return erased;
}

/** Picks up work a crash left between a database commit and the matching enqueue. */
async function sweep(d: WorkerDeps): Promise<void> {
  const after = d.sweepAfterMs ?? 60_000;
  await d.queues.enqueueOutbound(await pendingOutbound(d.db, { olderThanMs: after }));
  const bucket = String(Math.floor(Date.now() / after));
  for (const id of await conversationsWithUnprocessed(d.db, after)) await d.queues.enqueueDrain(id, bucket);
}

function observe(w: Worker, d: WorkerDeps): void {
  w.on('completed', (job) => {
    d.metrics.jobLatency.observe({ queue: w.name, outcome: 'completed' }, (Date.now() - job.timestamp) / 1000);
  });
  w.on('failed', (job, err) => {
    if (job) d.metrics.jobLatency.observe({ queue: w.name, outcome: 'failed' }, (Date.now() - job.timestamp) / 1000);
    d.log.warn({ queue: w.name, jobId: job?.id, err: err.message }, 'job failed');
  });
  // BullMQ reports lost Redis connections here; logged, the worker reconnects by itself.
  w.on('error', (err) => d.log.error({ queue: w.name, err: err.message }, 'worker error'));
}
