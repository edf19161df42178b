import { ConfigError, loadConfig } from './config.ts';
import { calendarWarning } from './deadlines/index.ts';
import { t } from './i18n/index.ts';
import { DatabaseFolderLocked } from './db/index.ts';
import { createLogger } from './observability/index.ts';
import { createRuntime, RedisUnavailable, type Role, type Runtime } from './runtime/index.ts';
import { createResponder } from './runtime/responder.ts';

/**
 * `node src/main.ts [web|worker]`: both roles by default. Several web and worker processes
 * may share one Redis and one PostgreSQL; nothing that must survive lives in memory here.
 */

/** A job that never finishes must not keep a stopping process up forever. */
const FORCED_EXIT_MS = 30_000;

function rolesFrom(argv: string[]): Role[] {
  const arg = argv[0];
  if (arg === undefined || arg === 'all') return ['web', 'worker'];
  if (arg === 'web' || arg === 'worker') return [arg];
  throw new ConfigError(`unknown role "${arg}": use web, worker, or nothing for both`);
}

async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.LOG_LEVEL);
  const roles = rolesFrom(process.argv.slice(2));

  // Signals are taken from the first moment: workers may pick up jobs while the rest of the
  // process is still starting, and a SIGTERM then must still let those jobs finish.
  let runtime: Runtime | undefined;
  let stopSignal: string | undefined;
  const stop = (signal: string) => {
    if (stopSignal) return;
    stopSignal = signal;
    log.info({ signal }, 'shutting down: no new webhooks, finishing running jobs');
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    if (runtime) void shutdown(runtime);
  };
  const shutdown = (rt: Runtime) =>
    rt.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  // Every connection has its own error handling; anything that still escapes is logged as a
  // JSON line with its stack, and a rejected promise nobody awaited does not end the process.
  process.on('unhandledRejection', (err: unknown) => log.error({ err }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err: Error) => {
    log.fatal({ err }, 'uncaught exception; exiting for a clean restart');
    process.exit(1);
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  runtime = await createRuntime(cfg, { roles, responder: createResponder(), log });
  log.info({ roles, database: runtime.db.kind }, 'Công Bộc started');
  // From 1 December: next year's limits would be counted on an unconfirmed calendar.
  const calendar = calendarWarning(new Date());
  if (calendar) {
    log.warn(
      { year: calendar.year, unconfirmed: calendar.items },
      t('en', 'deadlines.check.warning', { year: calendar.year, count: calendar.items.length }),
    );
  }
  if (stopSignal) await shutdown(runtime);
}

main().catch((err: unknown) => {
  if (err instanceof RedisUnavailable || err instanceof ConfigError || err instanceof DatabaseFolderLocked) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Công Bộc failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
