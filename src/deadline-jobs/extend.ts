import { CaseNotFound, recordAudit, recordCaseEvent } from '../cases/index.ts';
import type { Queryable } from '../db/index.ts';
import { isIsoDate, isWorkingDay } from '../deadlines/index.ts';

export class ExtensionRefused extends Error {
  override name = 'ExtensionRefused';
  readonly reason: 'not_a_date' | 'not_a_working_day' | 'not_later' | 'case_settled' | 'no_reason';
  constructor(reason: ExtensionRefused['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface ExtensionInput {
  /** YYYY-MM-DD, a working day after the current due date. */
  readonly newDue: string;
  readonly reason: string;
  readonly actor: string;
  readonly at?: Date;
}

/**
 * Moves a case's due date later (a lawful extension, e.g. a complex complaint). An overdue
 * case stops being overdue; the earlier due date and the overdue moment stay in the history.
 * Call `scheduleCaseDeadlines` after the transaction commits.
 */
export async function extendDeadline(tx: Queryable, caseId: string, input: ExtensionInput): Promise<{ from: string; to: string }> {
  const at = input.at ?? new Date();
  const reason = input.reason.normalize('NFC').trim();
  if (reason.length < 3) throw new ExtensionRefused('no_reason', 'an extension needs a reason');
  if (!isIsoDate(input.newDue)) throw new ExtensionRefused('not_a_date', `"${input.newDue}" is not a date written YYYY-MM-DD`);
  if (!isWorkingDay(input.newDue)) throw new ExtensionRefused('not_a_working_day', `${input.newDue} is not a working day`);
  const rows = await tx.query<{ due_date: string; status: string; overdue_at: unknown }>(
    `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, status, overdue_at FROM cases WHERE id = $1 FOR UPDATE`,
    [caseId],
  );
  const c = rows[0];
  if (!c) throw new CaseNotFound(`no case ${caseId}`);
  if (c.status === 'answered' || c.status === 'closed') {
    throw new ExtensionRefused('case_settled', `case ${caseId} is ${c.status}`);
  }
  if (input.newDue <= c.due_date) throw new ExtensionRefused('not_later', `${input.newDue} is not after ${c.due_date}`);
  await tx.query('UPDATE cases SET due_date = $2, overdue_at = NULL, updated_at = $3 WHERE id = $1', [caseId, input.newDue, at]);
  const details = {
    from: c.due_date,
    to: input.newDue,
    reason,
    wasOverdueSince: c.overdue_at === null ? null : new Date(c.overdue_at as string | Date).toISOString(),
  };
  await recordCaseEvent(tx, caseId, 'deadline_extended', input.actor, at, details);
  await recordAudit(tx, { actor: input.actor, action: 'case.extend_deadline', entity: 'case', entityId: caseId, details, at });
  return { from: c.due_date, to: input.newDue };
}
