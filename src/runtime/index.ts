import type { Server } from 'node:http';
import type { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { staffNotifier } from '../alerts/index.ts';
import { accountsFromEnv, getAccount, saveTokens, upsertAccount } from '../accounts/index.ts';
import { channelsConfigFrom, createChannels, type TokenStore } from '../channels/index.ts';
import type { Config } from '../config.ts';
import { type Database, migrate, openDatabase } from '../db/index.ts';
import { DeadlineScheduler, startDeadlineWorker } from '../deadline-jobs/index.ts';
import { DigestQueue, smtpMailer, startDigestWorker } from '../digests/index.ts';
import { createInbox, type Inbox, type InboxDeps } from '../inbox/index.ts';
import { createLogger, type Logger, Metrics } from '../observability/index.ts';
import { Queues, type Responder, type RunningWorkers, startWorkers } from '../queue/index.ts';
import { createWebServer } from '../web/index.ts';
import { knownAccountCache } from './account-cache.ts';
import { channelAlerts } from './channel-alerts.ts';
import { connectRedis, producerRedis, throttledErrorLog, whenReady, withTimeout } from './redis.ts';

export { RedisUnavailable } from './redis.ts';

export type Role = 'web' | 'worker';

export interface RuntimeOptions {
  readonly roles: readonly Role[];
  readonly responder: Responder;
  readonly log?: Logger;
  /** Listen on this port instead of cfg.PORT (tests use 0). */
  readonly port?: number;
  /** Use this database instead of opening one from the configuration (tests). */
  readonly db?: Database;
  readonly sweepAfterMs?: number;
  readonly sweepEveryMs?: number;
  /** The clock of deadline jobs, staff notices and Zalo's night (tests move it; default the real one). */
  readonly now?: () => Date;
  /** Staff inbox settings (tests shorten sessions and the change watcher). */
  readonly inbox?: Pick<InboxDeps, 'session' | 'loginLimits' | 'watchEveryMs' | 'sseHeartbeatMs'>;
}

export interface Runtime {
  readonly cfg: Config;
  readonly db: Database;
  readonly redis: Redis;
  readonly queues: Queues;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly app: Express | null;
  readonly server: Server | null;
  readonly workers: RunningWorkers | null;
  /** Base URL of the HTTP server when the web role runs. */
  readonly url: string | null;
  /** Stops taking webhooks, lets running jobs finish, then closes Redis and the database. */
  close(): Promise<void>;
}

/** Builds the whole program from its configuration: the one place where areas are wired. */
export async function createRuntime(cfg: Config, opts: RuntimeOptions): Promise<Runtime> {
  const log = opts.log ?? createLogger(cfg.LOG_LEVEL);
  const metrics = new Metrics();
  const redis = await connectRedis(cfg.REDIS_URL, log);
  const dbLost = throttledErrorLog(log, 'database connection lost; work waits for it and retries');
  const db =
    opts.db ??
    (await openDatabase({ url: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR, onConnectionError: (err) => dbLost(err) }).catch((err: unknown) => {
      redis.disconnect();
      throw err;
    }));
  try {
    const applied = await migrate(db);
    if (applied.length) log.info({ applied }, 'database migrated');
    for (const account of accountsFromEnv(cfg)) await upsertAccount(db, account);
  } catch (err) {
    redis.disconnect();
    if (!opts.db) await db.close();
    throw err;
  }

  const queues = new Queues({ connection: redis, prefix: cfg.QUEUE_PREFIX });
  const queueError = throttledErrorLog(log, 'queue error');
  for (const q of queues.all()) q.on('error', queueError);
  // Deadline jobs (reminder, escalation, overdue + apology draft) are planned whenever a case
  // is created or staff change its due date, route or status; any process may plan them.
  const clock = opts.now ? { now: opts.now } : {};
  const deadlineSettings = {
    settings: { reminderWorkingDaysBefore: cfg.DEADLINE_REMINDER_WORKING_DAYS, draftApologyAtReminder: cfg.APOLOGY_DRAFT_AT_REMINDER },
  };
  const deadlineScheduler = new DeadlineScheduler({ connection: redis, prefix: cfg.QUEUE_PREFIX, ...clock, ...deadlineSettings });
  const reschedule = (caseId: string) => deadlineScheduler.schedule(db, caseId);
  // Its producer side, so the queue dashboard shows digests whichever process sends them.
  const digestQueue = new DigestQueue({ connection: redis, prefix: cfg.QUEUE_PREFIX });
  deadlineScheduler.queue.on('error', queueError);
  digestQueue.queue.on('error', queueError);
  const tokens: TokenStore = {
    loadAccount: (id) => getAccount(db, id),
    saveTokens: (id, pair) => saveTokens(db, id, pair),
  };
  const channels = createChannels(channelsConfigFrom(cfg), {
    redis,
    tokens,
    log,
    keyPrefix: cfg.QUEUE_PREFIX,
    localChannelPrefix: cfg.QUEUE_PREFIX,
    ...clock,
  });

  const alertMailer = opts.roles.includes('worker') && cfg.SMTP_URL ? smtpMailer(cfg.SMTP_URL) : null;
  const workers = opts.roles.includes('worker')
    ? await startWorkers({
        db,
        redis,
        connection: redis,
        prefix: cfg.QUEUE_PREFIX,
        queues,
        responder: opts.responder,
        clients: channels.clients,
        log,
        metrics,
        concurrency: cfg.WORKER_CONCURRENCY,
        lockMs: cfg.JOB_LOCK_MS,
        onCaseCreated: async (c) => {
          await reschedule(c.id);
        },
        sweepAfterMs: opts.sweepAfterMs ?? cfg.SWEEP_AFTER_MS,
        sweepEveryMs: opts.sweepEveryMs ?? cfg.SWEEP_AFTER_MS,
        retentionDays: cfg.PERSONAL_DATA_RETENTION_DAYS,
        refreshIfDue: (account) => channels.refreshIfDue(account),
        tokenRefreshEveryMs: cfg.TOKEN_REFRESH_EVERY_MS,
        alertAdmins: channelAlerts({ db, mailer: alertMailer, from: cfg.DIGEST_FROM, log }),
      })
    : null;
  // Reminders, escalations and overdue cases reach the people concerned: an inbox notification
  // each (live on their open pages) and, with SMTP and an address, an e-mail copy.
  const noticeMailer = opts.roles.includes('worker') && cfg.SMTP_URL ? smtpMailer(cfg.SMTP_URL) : null;
  const deadlineWorker = opts.roles.includes('worker')
    ? await startDeadlineWorker({
        db,
        connection: redis,
        prefix: cfg.QUEUE_PREFIX,
        log,
        lockMs: cfg.JOB_LOCK_MS,
        ...clock,
        ...deadlineSettings,
        onNotice: staffNotifier({
          db,
          redis,
          prefix: cfg.QUEUE_PREFIX,
          mailer: noticeMailer,
          from: cfg.DIGEST_FROM,
          publicUrl: cfg.PUBLIC_URL,
          log,
          ...clock,
        }),
      })
    : null;
  // Weekly digests for leaders (Monday 07:00 Viet Nam by default); every worker registers the
  // same job scheduler, BullMQ keeps one. Without SMTP there is nothing to send them with.
  const digestWorker =
    opts.roles.includes('worker') && cfg.SMTP_URL
      ? await startDigestWorker({
          db,
          connection: redis,
          prefix: cfg.QUEUE_PREFIX,
          mailer: smtpMailer(cfg.SMTP_URL),
          from: cfg.DIGEST_FROM,
          publicUrl: cfg.PUBLIC_URL,
          repeat: { pattern: cfg.DIGEST_CRON, tz: cfg.DIGEST_TZ },
          log,
          lockMs: cfg.JOB_LOCK_MS,
        })
      : null;
  if (opts.roles.includes('worker') && !cfg.SMTP_URL) log.warn('weekly digests are off: SMTP_URL is not set');

  let app: Express | null = null;
  let server: Server | null = null;
  let url: string | null = null;
  let inbox: Inbox | null = null;
  let webhookRedis: Redis | null = null;
  if (opts.roles.includes('web')) {
    // Webhooks enqueue on a connection of their own that fails at once while Redis is away.
    webhookRedis = producerRedis(redis, log, cfg.WEBHOOK_ENQUEUE_TIMEOUT_MS);
    await whenReady(webhookRedis, 3000);
    const webhookQueues = new Queues({ connection: webhookRedis, prefix: cfg.QUEUE_PREFIX });
    for (const q of webhookQueues.all()) q.on('error', queueError);
    const staffInbox = createInbox({
      db,
      redis,
      queues,
      log,
      prefix: cfg.QUEUE_PREFIX,
      publicUrl: cfg.PUBLIC_URL,
      reschedule,
      // Past every chat window, a Zalo citizen who gave their phone is told by ZNS template.
      phoneNotices: cfg.ZALO_ZNS_TEMPLATE_ID !== undefined,
      dashboardQueues: [deadlineScheduler.queue as Queue, digestQueue.queue as Queue],
      ...opts.inbox,
    });
    inbox = staffInbox;
    const web = createWebServer({
      connectors: [channels.connectors.zalo, channels.connectors.messenger],
      // Bounded: with Redis away the platform hears 503 within about a second and delivers
      // again; an add that lands later is the same job id, so the redelivery is a no-op.
      enqueue: (events) => withTimeout(webhookQueues.enqueueEvents(events), cfg.WEBHOOK_ENQUEUE_TIMEOUT_MS, 'queue did not accept'),
      reject: (items) => withTimeout(webhookQueues.enqueueRejected(items), cfg.WEBHOOK_ENQUEUE_TIMEOUT_MS, 'queue did not accept'),
      isKnownAccount: knownAccountCache(db, log),
      bodyLimitBytes: cfg.WEBHOOK_BODY_LIMIT,
      log,
      metrics,
      readiness: () => readiness(webhookRedis ?? redis, db),
      collectMetrics: () =>
        withTimeout(collectQueueDepth([...queues.all(), deadlineScheduler.queue, digestQueue.queue], metrics), HEALTH_TIMEOUT_MS),
      mount: (a) => staffInbox.mount(a),
    });
    app = web.app;
    server = await listen(web.server, opts.port ?? cfg.PORT, cfg.HOST);
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : cfg.PORT;
    url = `http://127.0.0.1:${port}`;
    log.info({ url }, 'web listening');
  }

  let closing: Promise<void> | undefined;
  return {
    cfg,
    db,
    redis,
    queues,
    log,
    metrics,
    app,
    server,
    workers,
    url,
    close() {
      closing ??= (async () => {
        // Live inbox streams would hold the server open.
        if (inbox) await inbox.close();
        if (server) await closeServer(server);
        if (workers) await workers.close();
        if (deadlineWorker) await deadlineWorker.close();
        if (digestWorker) await digestWorker.close();
        noticeMailer?.close();
        alertMailer?.close();
        await deadlineScheduler.close();
        await digestQueue.close();
        await queues.close();
        if (webhookRedis) webhookRedis.disconnect();
        await redis.quit().catch(() => redis.disconnect());
        if (!opts.db) await db.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would hold close() open; idle ones can go now, busy ones finish first.
    server.closeIdleConnections();
  });
}

/** /readyz and /metrics answer within this, whatever Redis and the database do. */
const HEALTH_TIMEOUT_MS = 1000;

async function readiness(redis: Redis, db: Database): Promise<Record<string, boolean>> {
  const [r, d] = await Promise.allSettled([
    withTimeout(redis.ping(), HEALTH_TIMEOUT_MS),
    withTimeout(db.query('SELECT 1'), HEALTH_TIMEOUT_MS),
  ]);
  return { redis: r.status === 'fulfilled', database: d.status === 'fulfilled' };
}

async function collectQueueDepth(all: readonly Queue[], metrics: Metrics): Promise<void> {
  for (const q of all) {
    const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
    for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: q.name, state }, n);
  }
}
