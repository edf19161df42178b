import type { Queryable } from '../db/index.ts';

/** Whose numbers: one commune (the cases about it), one province (all its communes), or all. */
export type CountScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'commune'; readonly code: string }
  | { readonly kind: 'province'; readonly code: string };

export interface LateAndApologyCounts {
  /** Cases that became overdue in the period (our own answer late). */
  readonly casesOverdue: number;
  /** Cases answered in the period after their due date (Viet Nam calendar day). */
  readonly answeredLate: number;
  /** Complaints received in the period about a late administrative result (label tre_han). */
  readonly lateResultComplaints: number;
  readonly apologiesDrafted: number;
  readonly apologiesSigned: number;
  /** Signed apologies announced to the citizen on their channel. */
  readonly apologiesSent: number;
}

/**
 * Late results and apologies for the weekly digest, over [from, to). One query, so the
 * numbers of a digest are taken at one moment and add up.
 */
export async function countLateAndApologies(
  db: Queryable,
  q: { scope: CountScope; from: Date; to: Date },
): Promise<LateAndApologyCounts> {
  const scopeSql =
    q.scope.kind === 'all' ? 'TRUE' : q.scope.kind === 'commune' ? 'c.commune_code = $3' : 'c.province_code = $3';
  const params: unknown[] = [q.from, q.to];
  if (q.scope.kind !== 'all') params.push(q.scope.code);
  const rows = await db.query<Record<string, string | number>>(
    `WITH scoped AS (SELECT c.* FROM cases c WHERE ${scopeSql})
     SELECT
       (SELECT count(*) FROM scoped WHERE overdue_at >= $1 AND overdue_at < $2) AS cases_overdue,
       (SELECT count(*) FROM scoped WHERE answered_at >= $1 AND answered_at < $2
          AND ((answered_at AT TIME ZONE 'UTC') + interval '7 hours')::date > due_date) AS answered_late,
       (SELECT count(*) FROM scoped WHERE received_at >= $1 AND received_at < $2
          AND (label = 'tre_han' OR 'tre_han' = ANY (secondary_labels))) AS late_result_complaints,
       (SELECT count(*) FROM letters l JOIN scoped s ON s.id = l.case_id
          WHERE l.created_at >= $1 AND l.created_at < $2 AND l.status <> 'withdrawn') AS apologies_drafted,
       (SELECT count(*) FROM letters l JOIN scoped s ON s.id = l.case_id
          WHERE l.signed_at >= $1 AND l.signed_at < $2) AS apologies_signed,
       (SELECT count(*) FROM letters l JOIN scoped s ON s.id = l.case_id
          WHERE l.sent_at >= $1 AND l.sent_at < $2) AS apologies_sent`,
    params,
  );
  const r = rows[0]!;
  return {
    casesOverdue: Number(r.cases_overdue),
    answeredLate: Number(r.answered_late),
    lateResultComplaints: Number(r.late_result_complaints),
    apologiesDrafted: Number(r.apologies_drafted),
    apologiesSigned: Number(r.apologies_signed),
    apologiesSent: Number(r.apologies_sent),
  };
}
