import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from './services.ts';

/** Công Bộc itself, as separate web and worker processes, and citizens who write to it. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const ACCOUNTS = {
  pageId: '1010101010',
  oaId: '388613280878808645',
  messengerSecret: 'messenger-app-secret',
  zaloAppId: '1234567890',
  zaloOaSecret: 'zalo-oa-secret',
  zaloAppSecret: 'zalo-app-secret',
  commune: '00004',
} as const;

export function productEnv(o: { databaseUrl: string; redisUrl: string; platformUrl: string; prefix: string }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.FAULTS_LOG ?? 'info',
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: o.prefix,
    HOST: '127.0.0.1',
    JOB_LOCK_MS: '3000',
    WORKER_CONCURRENCY: '8',
    CHANNEL_HTTP_TIMEOUT_MS: '1000',
    MESSENGER_APP_SECRET: ACCOUNTS.messengerSecret,
    MESSENGER_VERIFY_TOKEN: 'verify-me',
    MESSENGER_PAGE_ID: ACCOUNTS.pageId,
    MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
    MESSENGER_PAGE_SCOPE: `commune:${ACCOUNTS.commune}`,
    GRAPH_API_BASE: o.platformUrl,
    ZALO_APP_ID: ACCOUNTS.zaloAppId,
    ZALO_APP_SECRET: ACCOUNTS.zaloAppSecret,
    ZALO_OA_SECRET_KEY: ACCOUNTS.zaloOaSecret,
    ZALO_OA_ID: ACCOUNTS.oaId,
    ZALO_OA_ACCESS_TOKEN: 'zalo-access-1',
    ZALO_OA_REFRESH_TOKEN: 'zalo-refresh-1',
    ZALO_OA_SCOPE: `commune:${ACCOUNTS.commune}`,
    ZALO_API_BASE: o.platformUrl,
    ZALO_OAUTH_BASE: o.platformUrl,
    // The sweep finds replies a killed process committed but never queued.
    SWEEP_AFTER_MS: '3000',
  };
}

export interface ProductProcess {
  readonly role: 'web' | 'worker';
  readonly url: string | null;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout that is not a JSON object (must stay empty). */
  readonly nonJson: string[];
  /** Parsed log lines. */
  readonly logs: Array<Record<string, unknown>>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startProcess(role: 'web' | 'worker', env: Record<string, string>): Promise<ProductProcess> {
  const port = role === 'web' ? await freePort() : 0;
  const child = spawn(process.execPath, ['src/main.ts', role], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const nonJson: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  let started = false;
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    try {
      const v = JSON.parse(line) as Record<string, unknown>;
      logs.push(v);
      if (v.msg === 'Công Bộc started') started = true;
      if (process.env.FAULTS_ECHO) process.stderr.write(`[${role} ${child.pid}] ${line}\n`);
    } catch {
      nonJson.push(line);
    }
  };
  lines(child.stdout!, onLine);
  lines(child.stderr!, (l) => {
    if (l.trim()) nonJson.push(`stderr: ${l}`);
  });
  const p: ProductProcess = {
    role,
    url: role === 'web' ? `http://127.0.0.1:${port}` : null,
    child,
    nonJson,
    logs,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal = 'SIGKILL') {
      if (!p.alive()) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
  const end = Date.now() + 60_000;
  while (!started) {
    if (!p.alive()) throw new Error(`${role} exited at start: ${nonJson.join('\n')}`);
    if (Date.now() > end) throw new Error(`${role} did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return p;
}

function lines(stream: NodeJS.ReadableStream, onLine: (l: string) => void): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i = buf.indexOf('\n');
    while (i !== -1) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
      i = buf.indexOf('\n');
    }
  });
}

export function messengerBody(mid: string, text: string, psid: string, at = Date.now()): string {
  return JSON.stringify({
    object: 'page',
    entry: [{ id: ACCOUNTS.pageId, time: at, messaging: [{ sender: { id: psid }, recipient: { id: ACCOUNTS.pageId }, timestamp: at, message: { mid, text } }] }],
  });
}

export function zaloBody(msgId: string, text: string, userId: string, at = Date.now()): string {
  return JSON.stringify({
    app_id: ACCOUNTS.zaloAppId,
    user_id_by_app: `app-${userId}`,
    event_name: 'user_send_text',
    timestamp: String(at),
    sender: { id: userId },
    recipient: { id: ACCOUNTS.oaId },
    message: { msg_id: msgId, text },
  });
}

export function signedHeaders(platform: 'messenger' | 'zalo', body: string): Record<string, string> {
  if (platform === 'messenger') {
    return { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', ACCOUNTS.messengerSecret).update(body).digest('hex')}` };
  }
  const ts = String((JSON.parse(body) as { timestamp?: unknown }).timestamp ?? '');
  const mac = createHash('sha256').update(ACCOUNTS.zaloAppId + body + ts + ACCOUNTS.zaloOaSecret).digest('hex');
  return { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` };
}

/** One signed delivery; resolves with the HTTP status (0 when no answer came at all). */
export async function deliver(webUrl: string, platform: 'messenger' | 'zalo', body: string, timeoutMs = 5000): Promise<number> {
  try {
    const res = await fetch(`${webUrl}/webhooks/${platform}`, {
      method: 'POST',
      headers: signedHeaders(platform, body),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
