import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, isConnectionError, openDatabase } from '../../src/db/index.ts';
import { type PrivatePostgres, startPostgres } from '../../scripts/faults/services.ts';
import { eventually } from '../support/runtime.ts';

/**
 * A private PostgreSQL (its own port and data folder) is stopped under open connections, as
 * a restart does: "terminating connection due to administrator command". The process must
 * live on, the transaction must roll back, and the same adapter must work once it is back.
 */
describe('PostgreSQL restarting under the adapter', () => {
  let pg: PrivatePostgres;
  let db: Database;
  const lost: string[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    db = await openDatabase({ url: pg.url, onConnectionError: (err, where) => lost.push(`${where}: ${err.message}`) });
    await db.exec('CREATE TABLE t (id int PRIMARY KEY)');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await pg?.destroy();
  });

  it('a connection lost inside a transaction rolls it back and is reported, not thrown at the process', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      // The server goes away between two statements: no query is running to receive the error.
      await pg.stop();
      await eventually(() => lost.some((l) => l.startsWith('transaction')));
      await tx.query('INSERT INTO t VALUES (2)');
    });
    const err = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isConnectionError(err)).toBe(true);
    await expect(db.query('SELECT 1')).rejects.toSatisfy(isConnectionError);

    await pg.start();
    const rows = await eventually(async () => db.query<{ n: string }>('SELECT count(*) AS n FROM t'));
    // Neither insert survived: the transaction was rolled back with its connection.
    expect(Number(rows[0]!.n)).toBe(0);
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 3 }]);
  });

  it('idle connections ended by a restart are reported and replaced', async () => {
    await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
    const before = lost.length;
    await pg.stop();
    await eventually(() => lost.length > before && lost.slice(before).every((l) => l.startsWith('idle')));
    await pg.start();
    expect(await eventually(() => db.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });
});
