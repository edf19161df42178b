import type { Queryable } from '../db/index.ts';
import { recordAudit, recordCaseEvent } from './audit.ts';

/** A citizen's contact details as one of their cases holds them. */
export interface StoredContact {
  readonly caseId: string;
  readonly caseCode: string;
  readonly conversationId: string;
  readonly name: string | null;
  readonly phone: string | null;
}

const CONTACT_COLUMNS = `id::text AS "caseId", code AS "caseCode", conversation_id::text AS "conversationId",
  reporter_name AS name, reporter_phone AS phone`;
const HOLDS_CONTACT = '(reporter_name IS NOT NULL OR reporter_phone IS NOT NULL)';

/** The contact details the cases of one conversation hold: what "xem thông tin của tôi" shows. */
export function contactsOfConversation(db: Queryable, conversationId: string): Promise<StoredContact[]> {
  return db.query<StoredContact>(`SELECT ${CONTACT_COLUMNS} FROM cases WHERE conversation_id = $1 AND ${HOLDS_CONTACT} ORDER BY id`, [
    conversationId,
  ]);
}

/**
 * Erases the contact details of every case of a conversation at the citizen's request (the
 * right to erasure, DOMAIN.md §6): the cases stay and are still handled, now anonymous. The
 * history and the audit trail say that it happened, never what was erased. Returns what was
 * erased, so the caller can take the same words out of the places that echo them.
 */
export async function eraseContacts(tx: Queryable, conversationId: string, at: Date): Promise<StoredContact[]> {
  const rows = await tx.query<StoredContact>(
    `SELECT ${CONTACT_COLUMNS} FROM cases WHERE conversation_id = $1 AND ${HOLDS_CONTACT} ORDER BY id FOR UPDATE`,
    [conversationId],
  );
  for (const c of rows) await anonymise(tx, c, at, 'request');
  await recordAudit(tx, {
    actor: 'citizen',
    action: 'privacy.erase',
    entity: 'conversation',
    entityId: conversationId,
    details: { cases: rows.map((r) => r.caseCode) },
    at,
  });
  return rows;
}

/** Cases answered or closed before `before` that still hold contact details (oldest first). */
export function expiredContacts(tx: Queryable, before: Date, limit: number): Promise<StoredContact[]> {
  return tx.query<StoredContact>(
    `SELECT ${CONTACT_COLUMNS} FROM cases
     WHERE status IN ('answered', 'closed') AND COALESCE(answered_at, updated_at) < $1 AND ${HOLDS_CONTACT}
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [before, limit],
  );
}

/** Erases the contact details of cases whose retention period is over. */
export async function forgetContacts(tx: Queryable, contacts: readonly StoredContact[], at: Date): Promise<void> {
  for (const c of contacts) {
    await anonymise(tx, c, at, 'retention');
    await recordAudit(tx, { actor: 'system', action: 'privacy.retention', entity: 'case', entityId: c.caseId, details: {}, at });
  }
}

async function anonymise(tx: Queryable, c: StoredContact, at: Date, reason: 'request' | 'retention'): Promise<void> {
  await tx.query('UPDATE cases SET reporter_name = NULL, reporter_phone = NULL, anonymous = true, updated_at = $2 WHERE id = $1', [c.caseId, at]);
  await recordCaseEvent(tx, c.caseId, 'personal_data_erased', reason === 'request' ? 'citizen' : 'system', at, { reason });
}
