import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import type { CaseEventKind } from './types.ts';

/**
 * The audit trail: every change staff or the system make, with who, what and when. Like
 * case_events it is append-only (a trigger refuses UPDATE and DELETE).
 */

/** What an audit entry is about; `installation` is the system as a whole (e.g. the queue dashboard). */
export type AuditEntity = 'case' | 'letter' | 'rating' | 'conversation' | 'user' | 'channel_account' | 'installation';

export interface AuditEntry {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

export async function recordAudit(
  tx: Queryable,
  entry: { actor: string; action: string; entity: AuditEntity; entityId: string; details?: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.query('INSERT INTO audit_log (actor, action, entity, entity_id, details, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.details ?? {}),
    entry.at,
  ]);
}

const auditRow = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.enum(['case', 'letter', 'rating', 'conversation', 'user', 'channel_account', 'installation']),
  entity_id: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.coerce.date(),
});

export async function listAudit(db: Queryable, entity: AuditEntity, entityId: string): Promise<AuditEntry[]> {
  const rows = await db.query(
    `SELECT id::text AS id, actor, action, entity, entity_id, details, at FROM audit_log
     WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
    [entity, entityId],
  );
  return rows.map((raw) => {
    const r = auditRow.parse(raw);
    return { id: r.id, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, details: r.details, at: r.at };
  });
}

/** Adds to a case's history (the kinds of migration 040 and later; the repository writes its own). */
export async function recordCaseEvent(
  tx: Queryable,
  caseId: string,
  kind: CaseEventKind,
  actor: string,
  at: Date,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, kind, actor, details, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [caseId, kind, actor, JSON.stringify(details), at],
  );
}
