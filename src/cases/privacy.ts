import type { Queryable } from '../db/index.ts';
import { recordAudit, recordCaseEvent } from './audit.ts';

/** A citizen's contact details as one of their cases holds them. */
export interface StoredContact {
  readonly caseId: string;
  readonly caseCode: string;
  readonly name: string | null;
  readonly phone: string | null;
}

/** The contact details the cases of one conversation hold: what "xem thông tin của tôi" shows. */
export async function contactsOfConversation(db: Queryable, conversationId: string): Promise<StoredContact[]> {
  const rows = await db.query<{ id: string; code: string; name: string | null; phone: string | null }>(
    `SELECT id::text AS id, code, reporter_name AS name, reporter_phone AS phone FROM cases
     WHERE conversation_id = $1 AND (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL) ORDER BY id`,
    [conversationId],
  );
  return rows.map((r) => ({ caseId: r.id, caseCode: r.code, name: r.name, phone: r.phone }));
}

/**
 * Erases the contact details of every case of a conversation at the citizen's request (the
 * right to erasure, DOMAIN.md §6): the cases stay and are still handled, now anonymous. The
 * history and the audit trail say that it happened, never what was erased. Returns what was
 * erased, so the caller can take the same words out of the places that echo them.
 */
export async function eraseContacts(tx: Queryable, conversationId: string, at: Date): Promise<StoredContact[]> {
  const rows = await tx.query<{ id: string; code: string; name: string | null; phone: string | null }>(
    `SELECT id::text AS id, code, reporter_name AS name, reporter_phone AS phone FROM cases
     WHERE conversation_id = $1 AND (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL) ORDER BY id FOR UPDATE`,
    [conversationId],
  );
  for (const r of rows) {
    await tx.query('UPDATE cases SET reporter_name = NULL, reporter_phone = NULL, anonymous = true, updated_at = $2 WHERE id = $1', [
      r.id,
      at,
    ]);
    await recordCaseEvent(tx, r.id, 'personal_data_erased', 'citizen', at, { requestedBy: 'citizen' });
  }
  await recordAudit(tx, {
    actor: 'citizen',
    action: 'privacy.erase',
    entity: 'conversation',
    entityId: conversationId,
    details: { cases: rows.map((r) => r.code) },
    at,
  });
  return rows.map((r) => ({ caseId: r.id, caseCode: r.code, name: r.name, phone: r.phone }));
}
