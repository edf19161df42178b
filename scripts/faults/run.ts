import { type FakeMode, type FakePlatform, startFakePlatform } from './fake-platform.ts';
import { type Sent, type Tally, tally } from './ledger.ts';
import { deliver, messengerBody, type ProductProcess, productEnv, startProcess, zaloBody } from './product.ts';
import { type PrivatePostgres, type PrivateRedis, startPostgres, startRedis } from './services.ts';

/**
 * `npm run faults`: Công Bộc as separate web and worker processes on its own PostgreSQL and
 * Redis (AOF on), with a fake Graph/Zalo, and one fault after another while citizens write.
 * A delivery that does not get 200 is delivered again, as the platforms do. After each fault
 * the runner waits, without touching the product, until every accepted message is stored
 * once and every reply written for it has reached the fake platform — or the time is up.
 *
 * A process that dies (kill -9) is started again after a second, as `restart: always` does in
 * docker-compose.yml; nothing else is done by hand.
 */

export interface FaultRow extends Tally {
  readonly fault: string;
  readonly recovered: boolean;
  /** From the end of the fault to the last reply delivered. */
  readonly recoverMs: number | null;
  readonly notes: string;
}

interface Profile {
  /** How long the fault lasts (PostgreSQL stopped, expired token). */
  readonly faultMs: number;
  /** How long the platform fails (HTTP 500, 429, timeouts). */
  readonly platformFaultMs: number;
  /** Citizens per fault, half on each platform; each writes `messages` times. */
  readonly citizens: number;
  readonly messages: number;
  /** Longest wait for recovery before the fault is called unrecovered. */
  readonly recoverWithinMs: number;
}

export const PROFILES = {
  full: { faultMs: 10_000, platformFaultMs: 30_000, citizens: 20, messages: 3, recoverWithinMs: 180_000 },
  short: { faultMs: 3_000, platformFaultMs: 3_000, citizens: 4, messages: 2, recoverWithinMs: 60_000 },
} satisfies Record<string, Profile>;

interface Lab {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  fake: FakePlatform;
  env: Record<string, string>;
  webs: ProductProcess[];
  workers: ProductProcess[];
  supervise: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts dead processes again after a second, like a container's restart policy. */
function supervisor(lab: Lab): () => void {
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      for (const list of [lab.webs, lab.workers]) {
        for (let i = 0; i < list.length; i++) {
          const p = list[i]!;
          if (lab.supervise && !p.alive()) {
            await sleep(1000);
            if (stopped) return;
            try {
              list[i] = await startProcess(p.role, lab.env);
            } catch {
              // Its dependency may be down; the next round tries again.
            }
          }
        }
      }
      await sleep(200);
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}

/** Citizens writing through the fault; every delivery is repeated until it gets 200. */
async function traffic(lab: Lab, fault: string, profile: Profile, during: () => Promise<void>): Promise<{ sent: Sent[]; faultEndedAt: number }> {
  const sent: Sent[] = [];
  const tag = fault.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const citizens = Array.from({ length: profile.citizens }, (_, i) => ({
    platform: (i % 2 === 0 ? 'messenger' : 'zalo') as 'messenger' | 'zalo',
    user: `${tag}-u${i}`,
  }));
  let n = 0;
  const writeAll = async (round: number) => {
    await Promise.all(
      citizens.map(async (c, i) => {
        const id = `${tag}-${c.user}-m${round}`;
        const at = Date.now();
        const text = round === 0 ? 'Xin chào' : `Đèn đường hỏng ở ngõ ${i} lần ${round}`;
        const body = c.platform === 'messenger' ? messengerBody(id, text, c.user, at) : zaloBody(id, text, c.user, at);
        const end = Date.now() + profile.recoverWithinMs;
        for (;;) {
          const web = lab.webs[n++ % lab.webs.length]!;
          if (web.alive() && (await deliver(web.url!, c.platform, body, 3000)) === 200) {
            sent.push({ platform: c.platform, eventId: id, user: c.user });
            return;
          }
          if (Date.now() > end) return;
          await sleep(1000);
        }
      }),
    );
  };
  // The first round before the fault, the others while it happens.
  await writeAll(0);
  const rounds = (async () => {
    for (let r = 1; r < profile.messages; r++) {
      await sleep(profile.faultMs / profile.messages);
      await writeAll(r);
    }
  })();
  await during();
  const faultEndedAt = Date.now();
  await rounds;
  return { sent, faultEndedAt };
}

async function settle(lab: Lab, sent: Sent[], faultEndedAt: number, profile: Profile): Promise<{ t: Tally; recoverMs: number | null }> {
  const end = Date.now() + profile.recoverWithinMs;
  let t = await tally(lab.pg.url, sent, lab.fake.deliveries).catch(() => null);
  for (;;) {
    if (t && t.handled === t.accepted && t.replies > 0 && t.repliesSent + t.uncertain === t.replies) {
      return { t, recoverMs: Math.max(0, Date.now() - faultEndedAt) };
    }
    if (Date.now() > end) break;
    await sleep(250);
    t = await tally(lab.pg.url, sent, lab.fake.deliveries).catch(() => t);
  }
  return { t: t ?? (await tally(lab.pg.url, sent, lab.fake.deliveries)), recoverMs: null };
}

type Fault = { name: string; notes: string; run: (lab: Lab, profile: Profile) => Promise<void> };

const platformFault = (mode: FakeMode, name: string, notes: string): Fault => ({
  name,
  notes,
  async run(lab, profile) {
    lab.fake.mode = mode;
    await sleep(profile.platformFaultMs);
    lab.fake.mode = 'ok';
  },
});

export const FAULTS: readonly Fault[] = [
  {
    name: 'kill -9 worker',
    notes: 'restarted after 1 s by the supervisor',
    async run(lab) {
      await sleep(300);
      for (const w of lab.workers) await w.kill('SIGKILL');
    },
  },
  {
    name: 'restart Redis (kill -9)',
    notes: 'AOF appendfsync always',
    async run(lab, profile) {
      await lab.redis.kill();
      await sleep(Math.min(profile.faultMs, 3000));
      await lab.redis.start();
    },
  },
  {
    name: 'stop PostgreSQL',
    notes: 'fast shutdown, then start',
    async run(lab, profile) {
      await lab.pg.stop();
      await sleep(profile.faultMs);
      await lab.pg.start();
    },
  },
  platformFault('http500', 'platform HTTP 500', 'every send refused'),
  platformFault('http429', 'platform HTTP 429', 'every send rate-limited'),
  platformFault('timeout', 'platform timeouts', 'no answer, nothing delivered'),
  {
    name: 'expired Zalo token',
    notes: '-216 until refreshed via OAuth',
    async run(lab, profile) {
      lab.fake.mode = 'zaloTokenExpired';
      await sleep(profile.faultMs);
      lab.fake.mode = 'ok';
    },
  },
  {
    name: 'two web + two worker',
    notes: 'deliveries spread over both webs',
    async run(_lab, profile) {
      await sleep(profile.faultMs);
    },
  },
];

export async function runFaults(opts: { profile: Profile; only?: readonly string[]; log?: (line: string) => void }): Promise<FaultRow[]> {
  const log = opts.log ?? (() => {});
  const [pg, redis, fake] = await Promise.all([startPostgres(), startRedis({ aof: true }), startFakePlatform({ holdMs: 5000 })]);
  const env = productEnv({ databaseUrl: pg.url, redisUrl: redis.url, platformUrl: fake.url, prefix: 'cbfaults' });
  const lab: Lab = { pg, redis, fake, env, webs: [], workers: [], supervise: true };
  const rows: FaultRow[] = [];
  const stopSupervisor = supervisor(lab);
  try {
    lab.webs.push(await startProcess('web', env));
    lab.workers.push(await startProcess('worker', env));
    for (const fault of FAULTS) {
      if (opts.only && !opts.only.includes(fault.name)) continue;
      if (fault.name === 'two web + two worker') {
        lab.webs.push(await startProcess('web', env));
        lab.workers.push(await startProcess('worker', env));
      }
      log(`fault: ${fault.name}`);
      const { sent, faultEndedAt } = await traffic(lab, fault.name, opts.profile, () => fault.run(lab, opts.profile));
      const { t, recoverMs } = await settle(lab, sent, faultEndedAt, opts.profile);
      const notes = fault.name === 'expired Zalo token' ? `${fault.notes} (${lab.fake.refreshes} refresh)` : fault.notes;
      rows.push({ fault: fault.name, ...t, recovered: recoverMs !== null && t.lost === 0, recoverMs, notes });
      log(formatRow(rows.at(-1)!));
    }
    const nonJson = [...lab.webs, ...lab.workers].flatMap((p) => p.nonJson);
    if (nonJson.length) log(`non-JSON log lines: ${nonJson.length} (first: ${nonJson[0]})`);
  } finally {
    stopSupervisor();
    lab.supervise = false;
    await Promise.all([...lab.webs, ...lab.workers].map((p) => p.kill('SIGKILL')));
    await Promise.all([pg.destroy(), redis.destroy(), fake.close()]);
  }
  return rows;
}

const COLUMNS = ['fault', 'accepted', 'stored once', 'replies sent', 'uncertain', 'order kept', 'lost', 'duplicated', 'recovered alone', 'time to recover', 'notes'];

function formatRow(r: FaultRow): string {
  return [
    r.fault,
    r.accepted,
    `${r.storedOnce}/${r.accepted}`,
    `${r.repliesSent}/${r.replies}`,
    r.uncertain,
    r.orderKept ? 'yes' : 'NO',
    r.lost,
    r.duplicated,
    r.recovered ? 'yes' : 'NO',
    r.recoverMs === null ? '—' : `${(r.recoverMs / 1000).toFixed(1)} s`,
    r.notes,
  ].join(' | ');
}

export function table(rows: readonly FaultRow[]): string {
  return [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${formatRow(r)} |`)].join('\n');
}

if (import.meta.main) {
  const profile = process.argv.includes('--short') ? PROFILES.short : PROFILES.full;
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rows = await runFaults({ profile, ...(only.length ? { only } : {}), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${table(rows)}\n`);
  const ok = rows.every((r) => r.lost === 0 && r.duplicated === 0 && r.recovered && r.orderKept);
  process.exit(ok ? 0 : 1);
}
