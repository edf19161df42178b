/**
 * Webhook acknowledgement: signed Messenger and Zalo POSTs against Công Bộc's web process,
 * and against a bare node:http server doing the same signature check, in the same run.
 *
 *   node bench/webhook.ts [--seconds 5] [--connections 32] [--rate 1000]
 *
 * Both servers run as child processes so the load generator does not share their event
 * loop. Needs Redis (the webhook answers 200 only once the event is queued).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '1000' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const RATE = Number(values.rate);

const SECRET = 'bench-messenger-secret';
const ZALO_APP = '1234567890';
const ZALO_KEY = 'bench-zalo-oa-secret';
const PAGE = '1010101010';
const OA = '388613280878808645';
const PREFIX = `bench:${randomBytes(4).toString('hex')}`;

interface Signed {
  path: string;
  body: string;
  headers: Record<string, string>;
}

function messenger(i: number): Signed {
  const body = JSON.stringify({
    object: 'page',
    entry: [{ id: PAGE, time: Date.now(), messaging: [{ sender: { id: `PSID-${i % 500}` }, recipient: { id: PAGE }, timestamp: Date.now(), message: { mid: `m.${PREFIX}.${i}`, text: 'Đường thôn 3 bị ngập, đề nghị xã xử lý' } }] }],
  });
  return { path: '/webhooks/messenger', body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` } };
}

function zalo(i: number): Signed {
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: ZALO_APP, event_name: 'user_send_text', timestamp,
    sender: { id: `2468${i % 500}` }, recipient: { id: OA }, message: { msg_id: `z${PREFIX}${i}`, text: 'Cán bộ xã hẹn mãi không trả kết quả' },
  });
  const mac = createHash('sha256').update(ZALO_APP + body + timestamp + ZALO_KEY).digest('hex');
  return { path: '/webhooks/zalo', body, headers: { 'x-zevent-signature': `mac=${mac}` } };
}

/** The comparison: the least a server can do for a signed webhook on node:http. */
const BARE_SERVER = `
const { createServer } = require('node:http');
const { createHmac, createHash, timingSafeEqual } = require('node:crypto');
const eq = (a, b) => a.length === b.length && timingSafeEqual(a, b);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    let ok = false;
    try {
      const json = JSON.parse(raw.toString('utf8'));
      if (req.url === '/webhooks/messenger') {
        const want = Buffer.from('sha256=' + createHmac('sha256', ${JSON.stringify(SECRET)}).update(raw).digest('hex'));
        ok = eq(Buffer.from(String(req.headers['x-hub-signature-256'] ?? '')), want);
      } else {
        const want = Buffer.from(createHash('sha256').update(${JSON.stringify(ZALO_APP)} + raw.toString('utf8') + json.timestamp + ${JSON.stringify(ZALO_KEY)}).digest('hex'));
        ok = eq(Buffer.from(String(req.headers['x-zevent-signature'] ?? '').replace(/^mac=/, '')), want);
      }
    } catch {}
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"ok":true}' : '{}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
`;

async function waitHealthy(port: number, path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

function startCongBoc(port: number): ChildProcess {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return spawn(process.execPath, [...prof, 'src/main.ts', 'web'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PGLITE_DIR: 'memory://', QUEUE_PREFIX: PREFIX,
      MESSENGER_APP_SECRET: SECRET, MESSENGER_PAGE_ID: PAGE, MESSENGER_PAGE_ACCESS_TOKEN: 'x', MESSENGER_PAGE_SCOPE: 'commune:00004',
      ZALO_APP_ID: ZALO_APP, ZALO_OA_SECRET_KEY: ZALO_KEY, ZALO_OA_ID: OA, ZALO_OA_ACCESS_TOKEN: 'x', ZALO_OA_SCOPE: 'commune:00004',
    },
  });
}

function startBare(port: number): ChildProcess {
  return spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PORT: String(port) } });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(port: number, s: Signed): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: s.path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s.body), ...s.headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(s.body);
  });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** What went wrong, by HTTP status or socket error code: a count alone cannot be judged. */
  why: Map<string, number>;
}

function noteError(why: Map<string, number>, reason: string): void {
  why.set(reason, (why.get(reason) ?? 0) + 1);
}

const reasonOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
}

/** As fast as `CONNECTIONS` concurrent keep-alive clients can go. */
async function saturate(port: number, make: (i: number) => Signed, offset: number): Promise<Result> {
  const until = performance.now() + SECONDS * 1000;
  const lat: number[] = [];
  let i = offset;
  let errors = 0;
  const why = new Map<string, number>();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const s = make(i++);
        const t0 = performance.now();
        const status = await post(port, s).catch((err: unknown) => reasonOf(err));
        lat.push(performance.now() - t0);
        if (status !== 200) {
          errors++;
          noteError(why, String(status));
        }
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { rps: lat.length / SECONDS, p50: percentile(lat, 50), p99: percentile(lat, 99), errors, why };
}

/** A steady `RATE` requests per second, open loop: latency as a platform would see it. */
async function steady(port: number, make: (i: number) => Signed, offset: number): Promise<Result> {
  const total = RATE * SECONDS;
  const lat: number[] = [];
  let errors = 0;
  const why = new Map<string, number>();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const s = make(offset + n);
    const t0 = performance.now();
    pending.push(
      post(port, s).then(
        (status) => {
          lat.push(performance.now() - t0);
          if (status !== 200) {
            errors++;
            noteError(why, String(status));
          }
        },
        (err: unknown) => {
          errors++;
          noteError(why, reasonOf(err));
        },
      ),
    );
  }
  await Promise.all(pending);
  lat.sort((a, b) => a - b);
  return { rps: total / ((performance.now() - start) / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99), errors, why };
}

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}${r.why.size ? ` (${[...r.why].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`;

async function main(): Promise<void> {
  const [cbPort, barePort] = [39_000 + Math.floor(Math.random() * 500), 39_600 + Math.floor(Math.random() * 300)];
  const cb = startCongBoc(cbPort);
  const bare = startBare(barePort);
  try {
    await Promise.all([waitHealthy(cbPort, '/healthz'), waitHealthy(barePort, '/webhooks/messenger')]);
    console.log(`webhook bench: ${SECONDS}s per run, ${CONNECTIONS} connections (saturation), ${RATE} req/s (steady)\n`);
    // Every run uses fresh message ids, so no request is a redelivery of another.
    let offset = 0;
    const fresh = () => {
      offset += 1_000_000;
      return offset;
    };
    for (const [name, make] of [['messenger', messenger], ['zalo', zalo]] as const) {
      // Warm both up so JIT and connection set-up are not measured.
      await saturate(barePort, make, fresh());
      await saturate(cbPort, make, fresh());
      const bareMax = await saturate(barePort, make, fresh());
      const cbMax = await saturate(cbPort, make, fresh());
      const bareSteady = await steady(barePort, make, fresh());
      const cbSteady = await steady(cbPort, make, fresh());
      console.log(`${name}`);
      console.log(`  bare node:http   max    ${fmt(bareMax)}`);
      console.log(`  Công Bộc         max    ${fmt(cbMax)}   (${((cbMax.rps / bareMax.rps) * 100).toFixed(0)} % of bare; target ≥ 50 %)`);
      console.log(`  bare node:http   steady ${fmt(bareSteady)}`);
      console.log(`  Công Bộc         steady ${fmt(cbSteady)}   (target p99 ≤ 5 ms)\n`);
    }
  } finally {
    cb.kill('SIGTERM');
    bare.kill('SIGTERM');
    agent.destroy();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

await main();
