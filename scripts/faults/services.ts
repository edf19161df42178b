import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Private PostgreSQL and Redis servers on free loopback ports, from Debian's own binaries,
 * which a fault can stop, kill and start again without touching anyone else's.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await ok()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = join(root, v, 'bin', name);
    if (existsSync(p)) return p;
  }
  throw new Error(`PostgreSQL's ${name} not found under ${root} (apt-get install postgresql)`);
}

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://…/postgres on the private server. */
  readonly url: string;
  readonly bin: (name: string) => string;
  start(): Promise<void>;
  /** Fast shutdown: every connection is ended ("terminating connection due to administrator command"). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root (a container, a CI runner): there it runs as the
 * system's postgres user, which then owns the temporary folder.
 */
function asServerUser(dir: string): (bin: string, args: string[]) => void {
  const root = process.getuid?.() === 0;
  if (root) {
    const [uid, gid] = idsOf('postgres');
    chownSync(dir, uid, gid);
  }
  return (bin, args) => {
    if (root) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
    else execFileSync(bin, args, { stdio: 'ignore' });
  };
}

function idsOf(user: string): [number, number] {
  const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
  return [uid, gid];
}

export async function startPostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const run = asServerUser(dir);
  run(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  const ctl = (args: string[]) => run(pgBin('pg_ctl'), ['-D', data, ...args]);
  const pg: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    bin: pgBin,
    async start() {
      ctl(['-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
      await until('postgres', () => {
        execFileSync(pgBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
        return true;
      });
    },
    async stop() {
      ctl(['-m', 'fast', '-w', 'stop']);
    },
    async destroy() {
      try {
        ctl(['-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL: no goodbye to clients; with AOF on, what was acknowledged survives. */
  kill(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startRedis(opts: { aof?: boolean } = {}): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const r: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
      args.push('--appendonly', opts.aof === false ? 'no' : 'yes', '--appendfsync', 'always');
      const c = spawn('redis-server', args, { stdio: 'ignore' });
      child = c;
      await until('redis', async () => {
        const { Redis } = await import('ioredis');
        const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      });
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
      child = null;
    },
    async destroy() {
      await r.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}
