import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockFolder } from './folder-lock.ts';

/** Anything that runs SQL: the database itself or a transaction inside it. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Where a lost connection is reported; the adapter itself never throws it at the process. */
export type ConnectionErrorListener = (err: Error, where: 'idle' | 'transaction') => void;

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent an embedded PGlite is used. */
  url?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps everything in memory (tests). */
  pgliteDir?: string;
  /** Told of every connection PostgreSQL drops (a restart, a network cut); default: ignored. */
  onConnectionError?: ConnectionErrorListener;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.onConnectionError ?? (() => {})) : openPglite(opts.pgliteDir ?? 'memory://');
}

/** How long a query waits for a free or new connection before it fails (and its job is retried). */
const CONNECT_TIMEOUT_MS = 5_000;

// Bigint columns (bigserial ids, counts) come back as strings from pg; ids are handled as
// strings everywhere so nothing overflows Number, and counts are converted where read.
function openPostgres(url: string, onError: ConnectionErrorListener): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A server that vanished without closing the socket is noticed instead of waited on forever.
    keepAlive: true,
  });
  // An idle client that loses its connection (PostgreSQL restarting) is removed by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', (err) => onError(err, 'idle'));
  return {
    kind: 'postgres',
    async query(sql, params) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      // While checked out, a client has no pool listener: a connection ended between two
      // statements (no query running to reject) would otherwise be an unhandled 'error'.
      let lost: Error | undefined;
      const onLost = (err: Error) => {
        lost = err;
        onError(err, 'transaction');
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query(sql, params) {
            if (lost) throw lost;
            return (await client.query(sql, params as unknown[] | undefined)).rows;
          },
        };
        const out = await fn(tx);
        if (lost) throw lost;
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A connection that is gone has rolled back on the server already.
        if (!lost) await client.query('ROLLBACK').catch((e: unknown) => (lost = e instanceof Error ? e : new Error(String(e))));
        throw err;
      } finally {
        client.off('error', onLost);
        // A broken client is destroyed rather than handed to the next caller.
        client.release(lost ?? false);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(dir, { recursive: true });
  // Two processes writing one PGlite folder corrupt it; the second is refused with the holder's pid.
  const unlock = inMemory ? () => {} : lockFolder(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    kind: 'pglite',
    async query(sql, params) {
      return (await db.query(sql, params as unknown[] | undefined)).rows as never[];
    },
    transaction(fn) {
      return db.transaction((t) =>
        fn({
          async query(sql, params) {
            return (await t.query(sql, params as unknown[] | undefined)).rows as never[];
          },
        }),
      );
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
