/**
 * `npm run load`: signed Zalo and Messenger messages at a steady rate (200/s for 60 s by
 * default) through a web and a worker process to a loopback fake of Graph and Zalo, on private
 * PostgreSQL and Redis. Each message comes from a new citizen, so its first reply is the
 * bot's answer to it: message-to-reply is the time from sending the webhook to that reply
 * reaching the fake platform. Prints p50/p95/p99, the peak RSS of each process, and how many
 * messages got no reply (must be 0).
 *
 *   npm run load -- [--rate 200] [--seconds 60]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { startFakePlatform } from '../../scripts/faults/fake-platform.ts';
import { deliver, messengerBody, type ProductProcess, productEnv, startProcess, zaloBody } from '../../scripts/faults/product.ts';
import { startPostgres, startRedis } from '../../scripts/faults/services.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const rate = arg('rate', 200);
const seconds = arg('seconds', 60);
const total = rate * seconds;

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
}

const [pg, redis, fake] = await Promise.all([startPostgres(), startRedis({ aof: true }), startFakePlatform()]);
const env = { ...productEnv({ databaseUrl: pg.url, redisUrl: redis.url, platformUrl: fake.url, prefix: 'cbload' }), LOG_LEVEL: 'info' };
const procs: ProductProcess[] = [];
try {
  procs.push(await startProcess('web', env));
  procs.push(await startProcess('worker', env));
  const [web] = procs;

  const sentAt = new Map<string, number>();
  const latency: number[] = [];
  fake.onDelivery = (d) => {
    const at = sentAt.get(d.user);
    if (at === undefined) return;
    sentAt.delete(d.user);
    latency.push(d.at - at);
  };
  const peak = new Map<string, number>();
  const sample = setInterval(() => {
    for (const p of procs) peak.set(p.role, Math.max(peak.get(p.role) ?? 0, rssMb(p.child.pid)));
  }, 500);

  let sent = 0;
  let refused = 0;
  const inflight = new Set<Promise<void>>();
  const start = performance.now();
  // Paced by the clock, not by answers: a slow server must not slow the citizens down.
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    while (sent < due) {
      const i = sent++;
      const platform = i % 2 === 0 ? 'messenger' : 'zalo';
      const user = `load-${platform}-${i}`;
      const id = `load-${i}`;
      const body = platform === 'messenger' ? messengerBody(id, 'Xin chào, đèn đường trước nhà tôi bị hỏng', user) : zaloBody(id, 'Xin chào, đèn đường trước nhà tôi bị hỏng', user);
      sentAt.set(user, Date.now());
      const p = deliver(web!.url!, platform, body, 10_000).then((status) => {
        if (status !== 200) refused++;
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  const sendSeconds = (performance.now() - start) / 1000;
  // Wait for the backlog while it moves (a reply in the last 30 s), at most 5 minutes.
  const drainUntil = Date.now() + 300_000;
  let lastProgress = Date.now();
  let left = sentAt.size;
  while (sentAt.size > 0 && Date.now() < drainUntil && Date.now() - lastProgress < 30_000) {
    await new Promise((r) => setTimeout(r, 200));
    if (sentAt.size < left) {
      left = sentAt.size;
      lastProgress = Date.now();
    }
  }
  const doneSeconds = (performance.now() - start) / 1000;
  clearInterval(sample);

  latency.sort((a, b) => a - b);
  const cpu = os.cpus();
  const lines = [
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    `offered: ${total} messages (${rate}/s for ${seconds} s; sent in ${sendSeconds.toFixed(1)} s), half Zalo, half Messenger; not answered 200: ${refused}`,
    `message-to-reply: p50 ${percentile(latency, 50)} ms, p95 ${percentile(latency, 95)} ms, p99 ${percentile(latency, 99)} ms, max ${latency.at(-1)} ms`,
    `peak RSS: ${[...peak].map(([role, mb]) => `${role} ${mb.toFixed(0)} MB`).join(', ')}`,
    `all replies in ${doneSeconds.toFixed(1)} s: ${(latency.length / doneSeconds).toFixed(0)} messages answered per second overall`,
    `lost (never answered while replies still came): ${sentAt.size}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = sentAt.size === 0 && refused === 0 ? 0 : 1;
} finally {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await Promise.all([pg.destroy(), redis.destroy(), fake.close()]);
}
