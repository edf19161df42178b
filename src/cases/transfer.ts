import type { Queryable } from '../db/index.ts';
import { getCommune } from '../directory/index.ts';
import { recordAudit, recordCaseEvent } from './audit.ts';
import { CaseNotFound, getCase } from './repository.ts';
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
  await recordAudit(tx, {
    actor,
    action: 'case.route',
    entity: 'case',
    entityId: caseId,
    details: { to: { kind: route.kind, code: route.code }, rule: route.rule, identityProtected: route.identityProtected },
    at,
  });
}

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
  await tx.query(
    `UPDATE cases SET commune_code = $2, province_code = $3, routed_to_kind = $4, routed_to_code = $5,
       routing_rule = $6, identity_protected = $7, updated_at = $8
     WHERE id = $1`,
    [caseId, commune.code, commune.provinceCode, route.kind, route.code, route.rule, identityProtected, at],
  );
  const details = {
    from: { communeCode: before.communeCode, provinceCode: before.provinceCode, routedTo: before.routedTo },
    to: { communeCode: commune.code, provinceCode: commune.provinceCode, routedTo: { kind: route.kind, code: route.code } },
    rule: route.rule,
    reason,
  };
  await recordCaseEvent(tx, caseId, 'transferred', input.actor, at, details);
  await recordAudit(tx, { actor: input.actor, action: 'case.transfer', entity: 'case', entityId: caseId, details, at });
  const after = await getCase(tx, caseId);
  return { case: after!, route: { ...route, identityProtected } };
}
