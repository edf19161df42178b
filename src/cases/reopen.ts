import type { Queryable } from '../db/index.ts';
import { changeStatus, getCase } from './repository.ts';
import type { CaseRecord } from './types.ts';

/**
 * Reopens an answered or closed case because the citizen is not satisfied ("chưa được giải
 * quyết", a rating of 1–2) or staff decided so. `reason` is kept in the status event so staff
 * see why. A case that was never answered has nothing to reopen: null, nothing changes.
 */
export async function reopenCase(
  tx: Queryable,
  caseId: string,
  reason: string,
  actor = 'citizen',
  at: Date = new Date(),
): Promise<CaseRecord | null> {
  const current = await getCase(tx, caseId);
  if (!current || (current.status !== 'answered' && current.status !== 'closed')) return null;
  return changeStatus(tx, caseId, 'reopened', actor, reason.trim() || 'reopened', at);
}
