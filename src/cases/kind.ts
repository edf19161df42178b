import type { Queryable } from '../db/index.ts';
import {
  caseKindRule,
  dayMonthYear,
  deadlines,
  isLegalKind,
  type LegalKind,
  limitOfKind,
  proposeCaseKind,
} from '../deadlines/index.ts';
import { type Locale, t } from '../i18n/index.ts';
import { recordAudit, recordCaseEvent } from './audit.ts';
import { CaseNotFound, getCase } from './repository.ts';
import type { Reporter } from './types.ts';

export { kindEvidence } from './kind-evidence.ts';

/**
 * The kind of matter a case is in law, at intake and when staff correct it. The rules
 * (clock, promise, what makes it formal) are data in data/deadlines/case-kinds.json; the
 * citizen's words per kind are in locales/<lang>/case-kinds.json.
 */

/**
 * The due date of a case of `kind` received at `receivedAt`, null for a kind without a
 * deadline (a compliment). `dueDate` lets the conversation keep its own injected calendar.
 */
export function dueDateOfKind(
  kind: LegalKind,
  receivedAt: Date,
  dueDate: (caseType: string, receivedAt: Date) => { due: string } = (type, at) => deadlines().dueDate(type as never, at),
): string | null {
  const limit = limitOfKind(kind);
  return limit === null ? null : dueDate(limit, receivedAt).due;
}

export interface NoticeInput {
  readonly kind: LegalKind;
  /** YYYY-MM-DD, null for a kind without a deadline. */
  readonly dueDate: string | null;
  /** The unit that handles it, as the citizen knows it ("UBND xã Tả Phìn"). */
  readonly unit: string;
  readonly code: string;
  readonly reporter: Reporter['kind'];
  /** The reporter's identity is kept from the people reported (routing decided so). */
  readonly identityProtected: boolean;
}

/**
 * What the citizen is told when the case is created: what will happen by when (a notice of
 * how it is handled, not an answer, for a phản ánh), what a formal khiếu nại or tố cáo needs
 * (Luật Tố cáo Điều 22, Luật Khiếu nại Điều 8), and identity protection under the Law only
 * for a reporter who gave a name (Luật Tố cáo Điều 25): never more than is true.
 */
export function citizenNotice(input: NoticeInput, locale: Locale): string {
  const rule = caseKindRule(input.kind);
  const vars = { code: input.code, unit: input.unit, due: input.dueDate ? dayMonthYear(input.dueDate) : '' };
  const lines = [t(locale, `case-kinds.notice.${input.kind}`, vars)];
  if (rule.formal === 'signed_letter_or_visit') lines.push(t(locale, `case-kinds.formal.${input.kind}`, vars));
  if (rule.identityProtection === 'named_reporter_only') {
    lines.push(t(locale, input.reporter === 'identified' ? 'case-kinds.identity.protected_by_law' : 'case-kinds.identity.anonymous', vars));
  } else if (input.identityProtected && input.reporter === 'identified') {
    lines.push(t(locale, 'case-kinds.identity.kept_from_reported', vars));
  }
  if (input.dueDate !== null) lines.push(t(locale, 'case-kinds.lookup', vars));
  return lines.join('\n');
}

export class KindChangeRefused extends Error {
  override name = 'KindChangeRefused';
  readonly reason: 'unknown_kind' | 'same_kind' | 'no_reason' | 'case_settled';
  constructor(reason: KindChangeRefused['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Staff say what the case is in law (with a reason, audited). The due date is planned again
 * from the day the case was received with the new kind's limit (null for a compliment); an
 * overdue flag is cleared, the deadline jobs re-mark it if the new date has passed. Call the
 * deadline scheduler for the case after the transaction commits.
 */
export async function changeCaseKind(
  tx: Queryable,
  caseId: string,
  input: { readonly kind: string; readonly reason: string; readonly actor: string; readonly at?: Date },
): Promise<{ from: LegalKind; to: LegalKind; dueDate: string | null }> {
  const at = input.at ?? new Date();
  const reason = input.reason.normalize('NFC').trim();
  if (!isLegalKind(input.kind)) throw new KindChangeRefused('unknown_kind', `"${input.kind}" is not a case kind`);
  if (reason.length < 3) throw new KindChangeRefused('no_reason', 'changing the kind of a case needs a reason');
  await tx.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const c = await getCase(tx, caseId);
  if (!c) throw new CaseNotFound(`no case ${caseId}`);
  if (c.legalKind === input.kind) throw new KindChangeRefused('same_kind', `the case is already ${input.kind}`);
  if (c.status === 'answered' || c.status === 'closed') throw new KindChangeRefused('case_settled', `case ${caseId} is ${c.status}`);
  const dueDate = dueDateOfKind(input.kind, c.receivedAt);
  await tx.query('UPDATE cases SET legal_kind = $2, due_date = $3, overdue_at = NULL, updated_at = $4 WHERE id = $1', [
    caseId,
    input.kind,
    dueDate,
    at,
  ]);
  const details = { from: c.legalKind, to: input.kind, reason, dueFrom: c.dueDate, dueTo: dueDate };
  await recordCaseEvent(tx, caseId, 'kind_changed', input.actor, at, details);
  await recordAudit(tx, { actor: input.actor, action: 'case.change_kind', entity: 'case', entityId: caseId, details, at });
  return { from: c.legalKind, to: input.kind, dueDate };
}

export { proposeCaseKind };
