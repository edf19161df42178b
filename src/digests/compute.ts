import { CASE_STATUSES, type CaseStatus } from '../cases/index.ts';
import { LABELS } from '../classify/index.ts';
import type { Database, Queryable } from '../db/index.ts';
import { type IsoDate, toIsoDate, workingDaysBetween } from '../deadlines/index.ts';
import { communesOfProvince, getCommune, getProvince } from '../directory/index.ts';
import type { Digest, DigestScope, DimensionScore, OverdueCase, UnitCounts, UnitRow } from './types.ts';
import { weekOf } from './week.ts';

/** How many overdue cases a digest names; the count covers them all. */
export const OVERDUE_LIST_LIMIT = 10;
const EXCERPT_CHARS = 160;
const DIMENSIONS = ['attitude', 'timeliness', 'outcome'] as const;

export class UnknownScope extends Error {
  override name = 'UnknownScope';
}

/** The official name of a commune or province; throws `UnknownScope` for a code not in the directory. */
export function scopeName(scope: DigestScope): string {
  const name = scope.kind === 'commune' ? getCommune(scope.code)?.name : getProvince(scope.code)?.name;
  if (!name) throw new UnknownScope(`no ${scope.kind} with code ${scope.code}`);
  return name;
}

/**
 * The week's numbers for a unit. Cases belong to the unit they are routed to now: a
 * complaint about a commune's own leaders goes to the province and is counted there, never
 * in that commune's digest. Every count is read in one read-only snapshot, so totals, rows
 * and breakdowns describe the same moment and add up.
 */
export async function computeDigest(
  db: Database,
  q: { scope: DigestScope; weekStart: IsoDate; now?: Date },
): Promise<Digest> {
  const week = weekOf(q.weekStart);
  const now = q.now ?? new Date();
  const name = scopeName(q.scope);
  const communes = q.scope.kind === 'commune' ? [q.scope.code] : communesOfProvince(q.scope.code).map((c) => c.code);
  const province = q.scope.kind === 'province' ? q.scope.code : null;
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const scoped = [communes, province];
    const inWeek = [...scoped, week.from, week.to];
    const today = toIsoDate(now);
    const [units, median, breakdown, letters, ratings, overdue] = [
      await unitCounts(tx, [...inWeek, today]),
      await medianAnswerTime(tx, inWeek),
      await receivedBreakdown(tx, inWeek),
      await letterCounts(tx, inWeek),
      await ratingScores(tx, inWeek),
      await overdueList(tx, [...scoped, today]),
    ];
    const rows = unitRows(q.scope, units);
    return {
      scope: q.scope,
      scopeName: name,
      weekStart: week.start,
      weekEnd: week.end,
      generatedAt: now.toISOString(),
      totals: sumCounts(rows),
      units: rows,
      medianAnswerWorkingDays: median,
      ...breakdown,
      apologies: letters,
      satisfaction: ratings,
      overdueCases: overdue,
    };
  });
}

// $1: commune codes; $2: the province's own desk (null for a commune); then $3, $4: the week
// and/or today in Viet Nam, as each query needs.
const SCOPED = `WITH scoped AS (
  SELECT c.* FROM cases c
  WHERE (c.routed_to_kind = 'commune' AND c.routed_to_code = ANY ($1::text[]))
     OR (c.routed_to_kind = 'province' AND c.routed_to_code = $2::text)
)`;
const IN_WEEK = (col: string) => `${col} >= $3 AND ${col} < $4`;
const OPEN_AND_OVERDUE = (today: string) =>
  `status IN ('new', 'in_progress', 'reopened') AND (overdue_at IS NOT NULL OR due_date < ${today}::date)`;
// The due date is a Viet Nam calendar day; Viet Nam has no daylight saving (UTC+7).
const ON_TIME = `((answered_at AT TIME ZONE 'UTC') + interval '7 hours')::date <= due_date`;

type Row = Record<string, string | number | null | boolean>;

async function unitCounts(tx: Queryable, p: unknown[]): Promise<Map<string, UnitCounts>> {
  const rows = await tx.query<Row>(
    `${SCOPED}
     SELECT routed_to_kind AS kind, routed_to_code AS code,
       count(*) FILTER (WHERE ${IN_WEEK('received_at')}) AS received,
       count(*) FILTER (WHERE ${IN_WEEK('answered_at')}) AS answered,
       count(*) FILTER (WHERE ${IN_WEEK('answered_at')} AND ${ON_TIME}) AS on_time,
       count(*) FILTER (WHERE ${IN_WEEK('overdue_at')}) AS became_overdue,
       count(*) FILTER (WHERE ${OPEN_AND_OVERDUE('$5')}) AS overdue_now
     FROM scoped GROUP BY routed_to_kind, routed_to_code`,
    p,
  );
  const out = new Map<string, UnitCounts>();
  for (const r of rows) {
    const answered = Number(r.answered);
    const onTime = Number(r.on_time);
    out.set(`${r.kind}:${r.code}`, {
      received: Number(r.received),
      answered,
      answeredOnTime: onTime,
      answeredLate: answered - onTime,
      becameOverdue: Number(r.became_overdue),
      overdueNow: Number(r.overdue_now),
    });
  }
  return out;
}

const ZERO: UnitCounts = { received: 0, answered: 0, answeredOnTime: 0, answeredLate: 0, becameOverdue: 0, overdueNow: 0 };

function unitRows(scope: DigestScope, counts: Map<string, UnitCounts>): UnitRow[] {
  if (scope.kind === 'commune') {
    return [{ kind: 'commune', code: scope.code, name: scopeName(scope), ...(counts.get(`commune:${scope.code}`) ?? ZERO) }];
  }
  const own: UnitRow = { kind: 'province', code: scope.code, name: scopeName(scope), ...(counts.get(`province:${scope.code}`) ?? ZERO) };
  const communes = communesOfProvince(scope.code)
    .map((c): UnitRow => ({ kind: 'commune', code: c.code, name: c.name, ...(counts.get(`commune:${c.code}`) ?? ZERO) }))
    .filter((r) => Object.keys(ZERO).some((k) => r[k as keyof UnitCounts] > 0));
  return [own, ...communes];
}

function sumCounts(rows: readonly UnitCounts[]): UnitCounts {
  const total = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(total) as (keyof UnitCounts)[]) total[k] += r[k];
  return total;
}

async function medianAnswerTime(tx: Queryable, p: unknown[]): Promise<number | null> {
  const rows = await tx.query<{ received_at: Date | string; answered_at: Date | string }>(
    `${SCOPED} SELECT received_at, answered_at FROM scoped WHERE ${IN_WEEK('answered_at')}`,
    p,
  );
  const days = rows
    .map((r) => workingDaysBetween(toIsoDate(new Date(r.received_at)), toIsoDate(new Date(r.answered_at))))
    .sort((a, b) => a - b);
  if (days.length === 0) return null;
  const mid = Math.floor(days.length / 2);
  return days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
}

async function receivedBreakdown(
  tx: Queryable,
  p: unknown[],
): Promise<Pick<Digest, 'byLabel' | 'byTopic' | 'byStatus' | 'needsReview'>> {
  const rows = await tx.query<Row>(
    `${SCOPED}
     SELECT label, topic, status, needs_review, count(*) AS n FROM scoped
     WHERE ${IN_WEEK('received_at')} GROUP BY label, topic, status, needs_review`,
    p,
  );
  const byLabel = new Map<string, number>();
  const byTopic = new Map<string, number>();
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  let needsReview = 0;
  for (const r of rows) {
    const n = Number(r.n);
    byLabel.set(String(r.label), (byLabel.get(String(r.label)) ?? 0) + n);
    // Cases made before the field output have none: counted apart, never guessed.
    const topic = r.topic === null ? 'unknown' : String(r.topic);
    byTopic.set(topic, (byTopic.get(topic) ?? 0) + n);
    byStatus[r.status as CaseStatus] += n;
    if (r.needs_review === true) needsReview += n;
  }
  const order = (label: string) => {
    const i = (LABELS as readonly string[]).indexOf(label);
    return i === -1 ? LABELS.length : i;
  };
  return {
    byLabel: [...byLabel]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || order(a.label) - order(b.label) || a.label.localeCompare(b.label)),
    byTopic: [...byTopic].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)),
    byStatus,
    needsReview,
  };
}

async function letterCounts(tx: Queryable, p: unknown[]): Promise<Digest['apologies']> {
  const rows = await tx.query<Row>(
    `${SCOPED}
     SELECT count(*) FILTER (WHERE ${IN_WEEK('l.created_at')} AND l.status <> 'withdrawn') AS drafted,
            count(*) FILTER (WHERE ${IN_WEEK('l.signed_at')}) AS signed,
            count(*) FILTER (WHERE ${IN_WEEK('l.sent_at')}) AS sent
     FROM letters l JOIN scoped s ON s.id = l.case_id`,
    p,
  );
  const r = rows[0]!;
  return { drafted: Number(r.drafted), signed: Number(r.signed), sent: Number(r.sent) };
}

async function ratingScores(tx: Queryable, p: unknown[]): Promise<Digest['satisfaction']> {
  const rows = await tx.query<Row>(
    `${SCOPED}, rated AS (
       SELECT r.* FROM satisfaction_ratings r JOIN scoped s ON s.id = r.case_id
       WHERE ${IN_WEEK('r.rated_at')})
     SELECT dimension, count(*) AS n, avg(score)::float8 AS avg, count(*) FILTER (WHERE score >= 4) AS satisfied,
            (SELECT count(DISTINCT case_id) FROM rated) AS cases
     FROM rated GROUP BY dimension`,
    p,
  );
  const byDimension = Object.fromEntries(
    DIMENSIONS.map((d): [string, DimensionScore] => [d, { count: 0, average: null, satisfied: 0 }]),
  ) as Record<(typeof DIMENSIONS)[number], DimensionScore>;
  let ratedCases = 0;
  for (const r of rows) {
    byDimension[r.dimension as (typeof DIMENSIONS)[number]] = {
      count: Number(r.n),
      average: r.avg === null ? null : Number(r.avg),
      satisfied: Number(r.satisfied),
    };
    ratedCases = Number(r.cases);
  }
  return { ratedCases, byDimension };
}

async function overdueList(tx: Queryable, p: unknown[]): Promise<OverdueCase[]> {
  const rows = await tx.query<Row>(
    `${SCOPED}
     SELECT id::text AS id, code, label, to_char(due_date, 'YYYY-MM-DD') AS due_date, routed_to_kind, routed_to_code,
            identity_protected, description
     FROM scoped WHERE ${OPEN_AND_OVERDUE('$3')}
     ORDER BY due_date, id LIMIT ${OVERDUE_LIST_LIMIT}`,
    p,
  );
  return rows.map((r) => {
    const unit = { kind: r.routed_to_kind as 'commune' | 'province', code: String(r.routed_to_code) };
    return {
      id: String(r.id),
      code: String(r.code),
      label: String(r.label),
      dueDate: String(r.due_date) as IsoDate,
      unit: { ...unit, name: scopeName(unit) },
      excerpt: r.identity_protected === true ? null : excerpt(String(r.description)),
    };
  });
}

function excerpt(text: string): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= EXCERPT_CHARS ? flat : `${chars.slice(0, EXCERPT_CHARS - 1).join('').trimEnd()}…`;
}
