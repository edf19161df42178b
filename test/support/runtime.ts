import { createHmac, createHash } from 'node:crypto';
import { pino } from 'pino';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Responder } from '../../src/queue/index.ts';
import { createRuntime, type Runtime, type RuntimeOptions, type Role } from '../../src/runtime/index.ts';
import { createResponder } from '../../src/runtime/responder.ts';
import { type DbKind, freshDatabase, type TestDatabase } from './db.ts';
import { clearPrefix, TEST_REDIS_URL, testRedis, uniquePrefix } from './redis.ts';

export const FAKE = {
  graphBase: 'http://graph.test',
  zaloApiBase: 'http://zalo-api.test',
  zaloOauthBase: 'http://zalo-oauth.test',
  pageId: '1010101010',
  oaId: '388613280878808645',
  messengerSecret: 'messenger-app-secret',
  verifyToken: 'verify-me',
  zaloAppId: '1234567890',
  zaloOaSecret: 'zalo-oa-secret',
  zaloAppSecret: 'zalo-app-secret',
  commune: '00004',
} as const;

export function testConfig(prefix: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER_CONCURRENCY: '4',
    MESSENGER_APP_SECRET: FAKE.messengerSecret,
    MESSENGER_VERIFY_TOKEN: FAKE.verifyToken,
    MESSENGER_PAGE_ID: FAKE.pageId,
    MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
    MESSENGER_PAGE_SCOPE: `commune:${FAKE.commune}`,
    GRAPH_API_BASE: FAKE.graphBase,
    ZALO_APP_ID: FAKE.zaloAppId,
    ZALO_APP_SECRET: FAKE.zaloAppSecret,
    ZALO_OA_SECRET_KEY: FAKE.zaloOaSecret,
    ZALO_OA_ID: FAKE.oaId,
    ZALO_OA_ACCESS_TOKEN: 'zalo-access-1',
    ZALO_OA_REFRESH_TOKEN: 'zalo-refresh-1',
    ZALO_OA_SCOPE: `commune:${FAKE.commune}`,
    ZALO_API_BASE: FAKE.zaloApiBase,
    ZALO_OAUTH_BASE: FAKE.zaloOauthBase,
    CHANNEL_HTTP_TIMEOUT_MS: '2000',
    ...env,
  });
}

export interface TestRuntime {
  rt: Runtime;
  t: TestDatabase;
  prefix: string;
  stop(): Promise<void>;
}

/** The whole program in this process: real Redis, a fresh database, web on a free port. */
export async function startTestRuntime(
  kind: DbKind,
  opts: {
    roles?: Role[];
    responder?: Responder;
    env?: Record<string, string>;
    /** Reuse a database and key prefix (a restart); the caller then owns their cleanup. */
    reuse?: { t: TestDatabase; prefix: string };
    /** Staff inbox settings (short sessions, a fast change watcher). */
    inbox?: RuntimeOptions['inbox'];
    /** The clock of deadline jobs and staff notices. */
    now?: () => Date;
  } = {},
): Promise<TestRuntime> {
  const prefix = opts.reuse?.prefix ?? uniquePrefix('rt');
  const t = opts.reuse?.t ?? (await freshDatabase(kind));
  const cfg = testConfig(prefix, opts.env);
  const rt = await createRuntime(cfg, {
    roles: opts.roles ?? ['web', 'worker'],
    responder: opts.responder ?? createResponder(),
    db: t.db,
    port: 0,
    log: process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }) : pino({ enabled: false }),
    ...(opts.inbox ? { inbox: opts.inbox } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return {
    rt,
    t,
    prefix,
    async stop() {
      await rt.close();
      if (opts.reuse) return;
      const r = testRedis();
      await clearPrefix(r, prefix);
      await r.quit();
      await t.drop();
    },
  };
}

export function signMessenger(body: string, secret: string = FAKE.messengerSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function signZalo(body: string): string {
  const ts = String(JSON.parse(body).timestamp ?? '');
  return `mac=${createHash('sha256').update(FAKE.zaloAppId + body + ts + FAKE.zaloOaSecret).digest('hex')}`;
}

export function messengerText(mid: string, text: string, psid = 'PSID-1', pageId: string = FAKE.pageId) {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: pageId,
        time: Date.now(),
        messaging: [
          { sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, text } },
        ],
      },
    ],
  });
}

export function zaloText(msgId: string, text: string, userId = '246845883529197922', oaId: string = FAKE.oaId) {
  return JSON.stringify({
    app_id: FAKE.zaloAppId,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: String(Date.now()),
    sender: { id: userId },
    recipient: { id: oaId },
    message: { msg_id: msgId, text },
  });
}

/** Polls until `fn` returns a truthy value (integration tests wait on queues, not clocks). */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 15_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
