import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePostgres, startPostgres } from '../../scripts/faults/services.ts';
import { migrate, openDatabase } from '../../src/db/index.ts';

/**
 * The backup routine end to end, on a private PostgreSQL: a migrated database with a case in
 * it is dumped with `npm run backup`, changed and partly lost, and `npm run restore` brings
 * back exactly what the dump held.
 */
describe('backup and restore (pg_dump)', () => {
  let server: PrivatePostgres;
  const dir = mkdtempSync(join(tmpdir(), 'cb-backup-'));
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let url: string;

  beforeAll(async () => {
    server = await startPostgres();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE congboc');
    await admin.end();
    url = server.url.replace(/\/postgres$/, '/congboc');
    const db = await openDatabase({ url });
    await migrate(db);
    await db.query(
      "INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code, name, access_token) VALUES ('zalo', 'OA-1', 'commune', '00004', 'Phường Ba Đình', 'tok')",
    );
    await db.close();
  }, 60_000);

  afterAll(async () => {
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const npm = (script: string, file: string) =>
    execFileSync(process.execPath, ['scripts/backup.ts', script, file], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PG_DUMP: server.bin('pg_dump'), PG_RESTORE: server.bin('pg_restore') },
      stdio: 'pipe',
    });

  const accounts = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query('SELECT external_id, name, access_token FROM channel_accounts ORDER BY id')).rows;
    } finally {
      await c.end();
    }
  };

  it('restores what the dump held: the lost row comes back, a later change is undone', async () => {
    const file = join(dir, 'congboc.dump');
    npm('backup', file);
    expect(statSync(file).size).toBeGreaterThan(0);
    const before = await accounts();

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("UPDATE channel_accounts SET name = 'sửa sau khi sao lưu'");
    await c.query("INSERT INTO channel_accounts (platform, external_id, scope_kind, scope_code, name) VALUES ('messenger', 'P-2', 'commune', '00004', 'x')");
    await c.query('DROP TABLE dead_letters');
    await c.end();

    npm('restore', file);
    expect(await accounts()).toEqual(before);
    const db = await openDatabase({ url });
    try {
      // The schema is whole again: nothing left to migrate, the dropped table is back.
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('SELECT count(*)::int AS n FROM dead_letters')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
