import type { Queryable } from '../db/index.ts';
import { caseKindRule, deadlines } from '../deadlines/index.ts';
import { getCommune } from '../directory/index.ts';
import { recordAudit, recordCaseEvent } from './audit.ts';
import { CaseNotFound, getCase } from './repository.ts';
import { dueDateOfKind } from './kind.ts';
import { type Route, routeCase } from './routing.ts';
import type { CaseRecord } from './types.ts';

export class TransferRefused extends Error {
  override name = 'TransferRefused';
  readonly reason: 'unknown_commune' | 'same_commune' | 'case_settled' | 'no_reason';
  constructor(reason: TransferRefused['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

async function lockedCase(tx: Queryable, caseId: string): Promise<CaseRecord> {
  const locked = await tx.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const c = locked.length ? await getCase(tx, caseId) : null;
  if (!c) throw new CaseNotFound(`no case ${caseId}`);
  return c;
}

/**
 * Records the route intake chose: the rule id on the case and an audit entry, so staff can
 * see why a case went where it went. Identity protection only ever gets stricter.
 */
export async function recordRouting(
  tx: Queryable,
  caseId: string,
  route: Route,
  actor = 'system',
  at: Date = new Date(),
): Promise<void> {
  await tx.query(
    `UPDATE cases SET routed_to_kind = $2, routed_to_code = $3, routing_rule = $4,
       identity_protected = identity_protected OR $5
     WHERE id = $1`,
    [caseId, route.kind, route.code, route.rule, route.identityProtected],
  );
  if (route.forwardTo !== undefined) await recordForward(tx, caseId, route.forwardTo, actor, at, null);
  await recordAudit(tx, {
    actor,
    action: 'case.route',
    entity: 'case',
    entityId: caseId,
    details: { to: { kind: route.kind, code: route.code }, rule: route.rule, identityProtected: route.identityProtected },
    at,
  });
}

/**
 * The case must go to a body the commune does not manage: the forwarding clock of its kind
 * (5 working days from receipt: NĐ 20/2008 Điều 9, Luật Tố cáo Điều 24.2) is kept on the case,
 * and the case's due date becomes the earlier of the two so reminders and escalation follow it.
 */
async function recordForward(
  tx: Queryable,
  caseId: string,
  to: string,
  actor: string,
  at: Date,
  /** When the unit that must forward received the case; null: when the case was received. */
  receivedAt: Date | null,
): Promise<void> {
  const c = await getCase(tx, caseId);
  if (!c) throw new CaseNotFound(`no case ${caseId}`);
  const limit = caseKindRule(c.legalKind).forwardLimit ?? FALLBACK_FORWARD_LIMIT;
  const forwardDue = deadlines().dueDate(limit, receivedAt ?? c.receivedAt).due;
  await tx.query(
    `UPDATE cases SET forward_to = $2, forward_due_date = $3,
       due_date = CASE WHEN due_date IS NULL OR due_date > $3::date THEN $3::date ELSE due_date END
     WHERE id = $1`,
    [caseId, to, forwardDue],
  );
  await recordCaseEvent(tx, caseId, 'forward_required', actor, at, { to, dueDate: forwardDue, limit });
}

/** Any kind without its own forwarding duty in data follows the feedback rule (NĐ 20/2008 Điều 9). */
const FALLBACK_FORWARD_LIMIT = 'chuyen_co_quan_tham_quyen';

export interface TransferInput {
  readonly toCommuneCode: string;
  readonly reason: string;
  readonly actor: string;
  readonly at?: Date;
}

export interface TransferResult {
  readonly case: CaseRecord;
  readonly route: Route;
}

/**
 * Moves a misrouted case to the commune it is really about. The routing rules run again for
 * that commune, so a case about its leaders lands at that commune's province, never at the
 * commune itself. The previous place stays in the history; nothing is overwritten unseen.
 * Call `scheduleCaseDeadlines` after the transaction commits: reminders follow the case.
 */
export async function transferCase(tx: Queryable, caseId: string, input: TransferInput): Promise<TransferResult> {
  const at = input.at ?? new Date();
  const reason = input.reason.normalize('NFC').trim();
  if (reason.length < 3) throw new TransferRefused('no_reason', 'a transfer needs a reason');
  const commune = getCommune(input.toCommuneCode.trim());
  if (!commune) throw new TransferRefused('unknown_commune', `no commune ${input.toCommuneCode}`);
  const before = await lockedCase(tx, caseId);
  if (before.status === 'closed') throw new TransferRefused('case_settled', `case ${before.code} is closed`);
  if (before.communeCode === commune.code) {
    throw new TransferRefused('same_commune', `case ${before.code} is already about ${commune.name}`);
  }
  const route = routeCase({
    communeCode: commune.code,
    provinceCode: commune.provinceCode,
    label: before.label,
    labels: [before.label, ...before.secondaryLabels],
    targetsLeader: before.targetsLeader,
  });
  const identityProtected = before.identityProtected || route.identityProtected;
  // The receiving unit gets its own time limit, counted from the day it receives the case.
  const dueDate = dueDateOfKind(before.legalKind, at);
  await tx.query(
    `UPDATE cases SET commune_code = $2, province_code = $3, routed_to_kind = $4, routed_to_code = $5,
       routing_rule = $6, identity_protected = $7, updated_at = $8, due_date = $9, overdue_at = NULL,
       forward_to = NULL, forward_due_date = NULL
     WHERE id = $1`,
    [caseId, commune.code, commune.provinceCode, route.kind, route.code, route.rule, identityProtected, at, dueDate],
  );
  const details = {
    from: { communeCode: before.communeCode, provinceCode: before.provinceCode, routedTo: before.routedTo },
    to: { communeCode: commune.code, provinceCode: commune.provinceCode, routedTo: { kind: route.kind, code: route.code } },
    rule: route.rule,
    reason,
    dueFrom: before.dueDate,
    dueTo: dueDate,
  };
  await recordCaseEvent(tx, caseId, 'transferred', input.actor, at, details);
  if (route.forwardTo !== undefined) await recordForward(tx, caseId, route.forwardTo, input.actor, at, at);
  await recordAudit(tx, { actor: input.actor, action: 'case.transfer', entity: 'case', entityId: caseId, details, at });
  const after = await getCase(tx, caseId);
  return { case: after!, route: { ...route, identityProtected } };
}
