import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { pino } from 'pino';
import { parseScope, upsertAccount } from '../../accounts/index.ts';
import { type LocalDelivery, localChannel, localTextEvent } from '../../channels/index.ts';
import { loadConfig } from '../../config.ts';
import { createRuntime } from '../../runtime/index.ts';
import { createResponder } from '../../runtime/responder.ts';

export const summary = 'talk to the bot in this terminal (real engine, database and queues)';

const TERMINAL_ACCOUNT = 'terminal';

/**
 * A citizen's chat without Zalo or Facebook: each typed line goes into the inbound queue as a
 * `local` channel event, a worker in this process runs the same turn as for a real platform,
 * and replies come back over Redis pub/sub from the local channel client.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { scope: { type: 'string', default: 'commune:00004' }, user: { type: 'string' } },
  });
  const cfg = loadConfig();
  if (!cfg.DATABASE_URL && (await serverIsRunning(cfg.PORT))) {
    process.stderr.write(
      `A Công Bộc server is running on port ${cfg.PORT} with the embedded database, which one process at a time may open.\n` +
        'Stop it first, or point both at PostgreSQL with DATABASE_URL.\n',
    );
    return 1;
  }
  const rt = await createRuntime(cfg, { roles: ['worker'], responder: createResponder(), log: pino({ level: 'warn' }) });
  const scope = parseScope(values.scope!);
  await upsertAccount(rt.db, { platform: 'local', externalId: TERMINAL_ACCOUNT, scope });
  const userRef = values.user ?? `terminal-${randomUUID().slice(0, 8)}`;

  const sub = rt.redis.duplicate();
  await sub.subscribe(localChannel(cfg.QUEUE_PREFIX, userRef));
  sub.on('message', (_channel, raw: string) => {
    const delivery = JSON.parse(raw) as LocalDelivery;
    process.stdout.write(`\n\x1b[36mCông Bộc:\x1b[0m ${delivery.text.replace(/\n/g, '\n          ')}\n> `);
  });

  process.stdout.write(`Công Bộc — ${values.scope} (Ctrl-D to leave). Write as a citizen would.\n> `);
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    const text = line.trim();
    if (text) await rt.queues.enqueueEvents([localTextEvent(TERMINAL_ACCOUNT, userRef, text)]);
    else process.stdout.write('> ');
  }
  // Let the last replies arrive before closing.
  await new Promise((r) => setTimeout(r, 1500));
  await sub.quit();
  await rt.close();
  process.stdout.write('\n');
  return 0;
}

async function serverIsRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(500) });
    return res.ok;
  } catch {
    return false;
  }
}
