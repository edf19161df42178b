import { Redis } from 'ioredis';
import type { Logger } from '../observability/index.ts';

export class RedisUnavailable extends Error {
  override name = 'RedisUnavailable';
}

const HOW_TO_START =
  'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set REDIS_URL)';

/** ioredis repeats the same error at every reconnect attempt; one line per message per this long. */
const ERROR_LOG_EVERY_MS = 10_000;

/**
 * Connects or fails fast with one line an operator can act on. After start-up the client
 * reconnects forever: a Redis restart must not take the process down. Its errors are logged
 * (not swallowed), once per distinct message per ten seconds.
 */
export async function connectRedis(url: string, log: Logger, timeoutMs = 3000): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: timeoutMs });
  redis.on('error', throttledErrorLog(log, 'redis connection error; reconnecting'));
  try {
    await withTimeout(redis.connect(), timeoutMs);
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new RedisUnavailable(
      `Redis is not reachable at ${redact(url)} (${err instanceof Error ? err.message : String(err)}). Start it with: ${HOW_TO_START}`,
    );
  }
}

/**
 * The webhooks' own connection: with Redis away, a command fails at once instead of waiting
 * in ioredis' offline queue, so the platform gets a 503 within a second and delivers again.
 * It reconnects in the background like the others.
 */
export function producerRedis(main: Redis, log: Logger, commandTimeoutMs: number): Redis {
  const redis = main.duplicate({ lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs });
  redis.on('error', throttledErrorLog(log, 'redis connection error (webhooks); reconnecting'));
  return redis;
}

/**
 * Resolves once a connection is ready, or after `ms` (it keeps reconnecting in the background).
 * A connection without an offline queue refuses commands until then, so a webhook arriving in
 * the first milliseconds after start-up would get a needless 503.
 */
export async function whenReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}

export function throttledErrorLog(log: Logger, msg: string): (err: Error) => void {
  const last = new Map<string, number>();
  return (err) => {
    const now = Date.now();
    if ((last.get(err.message) ?? 0) > now - ERROR_LOG_EVERY_MS) return;
    if (last.size > 100) last.clear();
    last.set(err.message, now);
    log.warn({ err: err.message }, msg);
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what = 'no answer'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** A password in REDIS_URL must not end up in a log line. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
