import { pathToFileURL } from 'node:url';

/**
 * `congboc <command> …`: each command lives in ./commands/<command>.ts and exports
 * `run(args): Promise<number>` (the exit code) and a one-line `summary`.
 */

const COMMANDS = ['channels', 'directory', 'classify', 'calendar', 'users', 'chat', 'cases', 'letters', 'digest'];

interface CommandModule {
  run(args: string[]): Promise<number>;
  summary: string;
}

async function load(name: string): Promise<CommandModule | undefined> {
  const url = new URL(`./commands/${name}.ts`, import.meta.url);
  try {
    return (await import(url.href)) as CommandModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(url.pathname)) {
      return undefined;
    }
    throw err;
  }
}

async function usage(): Promise<void> {
  const lines = ['usage: congboc <command> [args]', '', 'commands:'];
  for (const name of COMMANDS) {
    const mod = await load(name);
    if (mod) lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    await usage();
    return name ? 0 : 2;
  }
  const mod = COMMANDS.includes(name) ? await load(name) : undefined;
  if (!mod) {
    process.stderr.write(`congboc: unknown command "${name}"\n`);
    await usage();
    return 2;
  }
  return mod.run(args);
}

/** Runs a command line and sets the exit code; what `bin/congboc.js` and `node src/cli/main.ts` do. */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`congboc: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runCli(process.argv.slice(2));
