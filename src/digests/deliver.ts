import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../db/index.ts';
import type { IsoDate } from '../deadlines/index.ts';
import type { Locale } from '../i18n/index.ts';
import { computeDigest } from './compute.ts';
import type { Mailer } from './mailer.ts';
import { listRecipients } from './recipients.ts';
import { renderDigest } from './render.ts';
import type { Digest, DigestScope } from './types.ts';

export interface DeliveryDeps {
  readonly db: Database;
  readonly mailer: Mailer;
  /** The From header, e.g. `Công Bộc <congboc@ubnd.example.vn>`. */
  readonly from: string;
  readonly publicUrl?: string | undefined;
  readonly now?: () => Date;
  /** How long a sender holds a digest before another process may take it over. */
  readonly leaseMs?: number;
}

export type DeliveryResult =
  | { readonly outcome: 'sent'; readonly digestId: string; readonly delivered: number }
  | { readonly outcome: 'already_sent'; readonly digestId: string }
  /** Another process holds the digest right now; asking again later finds it sent or free. */
  | { readonly outcome: 'busy'; readonly digestId: string }
  /** Nobody receives this unit's digest; nothing was recorded. */
  | { readonly outcome: 'no_recipients' };

/** Some recipients were not reached; the digest is recorded as failed, with the reason. */
export class DigestDeliveryFailed extends Error {
  override name = 'DigestDeliveryFailed';
  readonly digestId: string;
  readonly failures: readonly { readonly email: string; readonly error: string }[];
  constructor(digestId: string, failures: readonly { email: string; error: string }[]) {
    super(`digest ${digestId}: ${failures.map((f) => `${f.email}: ${f.error}`).join('; ')}`);
    this.digestId = digestId;
    this.failures = failures;
  }
}

export type DigestStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface DigestRecord {
  readonly id: string;
  readonly scope: DigestScope;
  readonly weekStart: IsoDate;
  readonly status: DigestStatus;
  readonly attempts: number;
  readonly error: string | null;
  readonly sentAt: Date | null;
  readonly content: Digest;
  readonly deliveries: readonly {
    readonly email: string;
    readonly status: 'pending' | 'sent' | 'failed';
    readonly error: string | null;
    readonly messageId: string | null;
  }[];
}

interface DeliveryRow {
  email: string;
  name: string;
  locale: Locale;
  status: 'pending' | 'sent' | 'failed';
}

const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Sends a unit's digest for a week to its recipients, at most once. The `digests` row (one
 * per unit and week) is claimed before any mail leaves, so a retried job, a second worker or
 * an operator's "send now" finds it sent or held; each recipient's delivery is recorded, so a
 * retry after a partial failure mails only those not yet reached. A crash between a server's
 * acceptance and the record of it can still repeat that one mail; its Message-ID is the same,
 * so the recipient's mail client sees the same message.
 */
export async function deliverDigest(
  deps: DeliveryDeps,
  q: { scope: DigestScope; weekStart: IsoDate },
): Promise<DeliveryResult> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const key = [q.scope.kind, q.scope.code, q.weekStart];
  const existing = await db.query<{ id: string; status: DigestStatus }>(
    'SELECT id::text AS id, status FROM digests WHERE scope_kind = $1 AND scope_code = $2 AND week_start = $3',
    key,
  );
  if (existing[0]?.status === 'sent') return { outcome: 'already_sent', digestId: existing[0].id };
  if (!existing[0]) {
    if ((await listRecipients(db, { scope: q.scope })).length === 0) return { outcome: 'no_recipients' };
    // Computed once, before the claim: a retry sends these same numbers, not a later count.
    const content = await computeDigest(db, { scope: q.scope, weekStart: q.weekStart, now: now() });
    await db.query(
      `INSERT INTO digests (scope_kind, scope_code, week_start, content) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope_kind, scope_code, week_start) DO NOTHING`,
      [...key, JSON.stringify(content)],
    );
  }

  const token = randomUUID();
  const claim = await db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; status: DigestStatus; claimed_until: Date | null; content: Digest | string }>(
      `SELECT id::text AS id, status, claimed_until, content FROM digests
       WHERE scope_kind = $1 AND scope_code = $2 AND week_start = $3 FOR UPDATE`,
      key,
    );
    const d = rows[0]!;
    if (d.status === 'sent') return { outcome: 'already_sent' as const, digestId: d.id };
    if (d.status === 'sending' && d.claimed_until && new Date(d.claimed_until).getTime() > now().getTime()) {
      return { outcome: 'busy' as const, digestId: d.id };
    }
    // The recipient list is fixed at the first claim; later claims only finish it.
    await tx.query(
      `INSERT INTO digest_deliveries (digest_id, email, name, locale)
       SELECT $1, email, name, locale FROM digest_recipients
       WHERE scope_kind = $2 AND scope_code = $3 AND active
         AND NOT EXISTS (SELECT 1 FROM digest_deliveries WHERE digest_id = $1)
       ON CONFLICT DO NOTHING`,
      [d.id, q.scope.kind, q.scope.code],
    );
    await tx.query(
      `UPDATE digests SET status = 'sending', claimed_until = $2, claimed_by = $3, attempts = attempts + 1,
         updated_at = $4 WHERE id = $1`,
      [d.id, new Date(now().getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)), token, now()],
    );
    const pending = await tx.query<DeliveryRow>(
      `SELECT email, name, locale, status FROM digest_deliveries WHERE digest_id = $1 AND status <> 'sent' ORDER BY email`,
      [d.id],
    );
    const content = typeof d.content === 'string' ? (JSON.parse(d.content) as Digest) : d.content;
    return { outcome: 'claimed' as const, digestId: d.id, content, pending };
  });
  if (claim.outcome !== 'claimed') return claim;

  const failures: { email: string; error: string }[] = [];
  let delivered = 0;
  for (const r of claim.pending) {
    const mail = renderDigest(claim.content, { locale: r.locale, recipientName: r.name || undefined, publicUrl: deps.publicUrl });
    const messageId = stableMessageId(claim.content, r.email, deps.from);
    try {
      await deps.mailer.send({ from: deps.from, to: { name: r.name, address: r.email }, ...mail, messageId });
      await db.query(
        `UPDATE digest_deliveries SET status = 'sent', message_id = $3, error = NULL, sent_at = $4
         WHERE digest_id = $1 AND email = $2`,
        [claim.digestId, r.email, messageId, now()],
      );
      delivered++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      failures.push({ email: r.email, error });
      await db.query(`UPDATE digest_deliveries SET status = 'failed', error = $3 WHERE digest_id = $1 AND email = $2`, [
        claim.digestId,
        r.email,
        error,
      ]);
    }
  }

  const remaining = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM digest_deliveries WHERE digest_id = $1 AND status <> 'sent'`,
    [claim.digestId],
  );
  const anyDelivery = await db.query('SELECT 1 FROM digest_deliveries WHERE digest_id = $1 LIMIT 1', [claim.digestId]);
  if (!anyDelivery.length) failures.push({ email: '-', error: 'no active recipient when the digest was claimed' });
  const done = Number(remaining[0]!.n) === 0 && failures.length === 0;
  await db.query(
    `UPDATE digests SET status = $3, error = $4, sent_at = $5, claimed_until = NULL, updated_at = $6
     WHERE id = $1 AND claimed_by = $2`,
    [
      claim.digestId,
      token,
      done ? 'sent' : 'failed',
      done ? null : failures.map((f) => `${f.email}: ${f.error}`).join('; '),
      done ? now() : null,
      now(),
    ],
  );
  if (!done) throw new DigestDeliveryFailed(claim.digestId, failures);
  return { outcome: 'sent', digestId: claim.digestId, delivered };
}

/** The record of a unit's digest for a week, with each recipient's delivery; null if none was made. */
export async function getDigestRecord(
  db: Database,
  q: { scope: DigestScope; weekStart: IsoDate },
): Promise<DigestRecord | null> {
  const rows = await db.query<{
    id: string;
    status: DigestStatus;
    attempts: number;
    error: string | null;
    sent_at: Date | null;
    content: Digest | string;
  }>(
    `SELECT id::text AS id, status, attempts, error, sent_at, content FROM digests
     WHERE scope_kind = $1 AND scope_code = $2 AND week_start = $3`,
    [q.scope.kind, q.scope.code, q.weekStart],
  );
  const d = rows[0];
  if (!d) return null;
  const deliveries = await db.query<{ email: string; status: 'pending' | 'sent' | 'failed'; error: string | null; message_id: string | null }>(
    'SELECT email, status, error, message_id FROM digest_deliveries WHERE digest_id = $1 ORDER BY email',
    [d.id],
  );
  return {
    id: d.id,
    scope: q.scope,
    weekStart: q.weekStart,
    status: d.status,
    attempts: Number(d.attempts),
    error: d.error,
    sentAt: d.sent_at ? new Date(d.sent_at) : null,
    content: typeof d.content === 'string' ? (JSON.parse(d.content) as Digest) : d.content,
    deliveries: deliveries.map((r) => ({ email: r.email, status: r.status, error: r.error, messageId: r.message_id })),
  };
}

/** Digests of a week (every unit), for operators: what went out and what failed. */
export async function listDigestRecords(
  db: Database,
  weekStart: IsoDate,
): Promise<{ scope: DigestScope; status: DigestStatus; attempts: number; error: string | null }[]> {
  const rows = await db.query<{ scope_kind: 'commune' | 'province'; scope_code: string; status: DigestStatus; attempts: number; error: string | null }>(
    'SELECT scope_kind, scope_code, status, attempts, error FROM digests WHERE week_start = $1 ORDER BY scope_kind, scope_code',
    [weekStart],
  );
  return rows.map((r) => ({
    scope: { kind: r.scope_kind, code: r.scope_code },
    status: r.status,
    attempts: Number(r.attempts),
    error: r.error,
  }));
}

function stableMessageId(d: Digest, email: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'congboc.invalid';
  const who = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);
  return `<digest.${d.scope.kind}.${d.scope.code}.${d.weekStart}.${who}@${domain}>`;
}
