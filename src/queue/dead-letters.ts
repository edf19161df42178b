import type { Queryable } from '../db/index.ts';

/** What admins see of a piece of work given up on: where it came from and why, no content. */
export interface DeadLetter {
  readonly id: string;
  readonly source: string;
  readonly reference: string;
  readonly platform: string | null;
  readonly accountRef: string | null;
  readonly reason: string;
  readonly attempts: number;
  readonly createdAt: Date;
}

export interface DeadLetterInput {
  readonly source: string;
  readonly reference: string;
  readonly platform?: string | undefined;
  readonly accountRef?: string | undefined;
  readonly reason: string;
  readonly attempts: number;
}

/** Reasons are error messages; a database refusing a NUL byte must be able to store why. */
function storable(text: string, max = 500): string {
  return text.replaceAll('\u0000', '\\0').toWellFormed().slice(0, max);
}

/** Records a dead letter once; a second record of the same work keeps the first. Returns whether it is new. */
export async function recordDeadLetter(db: Queryable, d: DeadLetterInput): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO dead_letters (source, reference, platform, account_ref, reason, attempts)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source, reference) DO NOTHING RETURNING id`,
    [d.source, storable(d.reference, 300), d.platform ?? null, d.accountRef ? storable(d.accountRef, 100) : null, storable(d.reason), d.attempts],
  );
  return rows.length > 0;
}

interface Row {
  id: string;
  source: string;
  reference: string;
  platform: string | null;
  account_ref: string | null;
  reason: string;
  attempts: number;
  created_at: Date | string;
}

export async function listDeadLetters(db: Queryable, limit = 50): Promise<DeadLetter[]> {
  const rows = await db.query<Row>(
    `SELECT id::text AS id, source, reference, platform, account_ref, reason, attempts, created_at
     FROM dead_letters ORDER BY id DESC LIMIT $1`,
    [Math.min(Math.max(limit, 1), 500)],
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    reference: r.reference,
    platform: r.platform,
    accountRef: r.account_ref,
    reason: r.reason,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at),
  }));
}
