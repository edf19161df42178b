import { spawnSync } from 'node:child_process';

/**
 * `npm run backup -- <file>` / `npm run restore -- <file>`: the PostgreSQL database named by
 * DATABASE_URL to one pg_dump file (custom format: compressed, restorable table by table) and
 * back. A restore replaces what the target database holds (--clean --if-exists), in one
 * transaction, so a failed restore leaves the database as it was.
 *
 * With docker compose: `docker compose exec postgres pg_dump -Fc -U congboc congboc > x.dump`
 * does the same from the database container (see README "Backups").
 */

function run(bin: string, args: string[]): number {
  const r = spawnSync(bin, args, { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`${bin}: ${r.error.message} (install the PostgreSQL client of the server's version)\n`);
    return 1;
  }
  return r.status ?? 1;
}

export function backup(databaseUrl: string, file: string): number {
  return run(process.env.PG_DUMP ?? 'pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${databaseUrl}`]);
}

export function restore(file: string, databaseUrl: string): number {
  return run(process.env.PG_RESTORE ?? 'pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
}

if (import.meta.main) {
  const [command, file] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if ((command !== 'backup' && command !== 'restore') || !file || !url) {
    process.stderr.write('usage: DATABASE_URL=postgres://… node scripts/backup.ts backup|restore <file>\n');
    process.exit(2);
  }
  process.exit(command === 'backup' ? backup(url, file) : restore(file, url));
}
