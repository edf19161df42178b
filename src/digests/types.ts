import type { CaseStatus } from '../cases/index.ts';
import type { IsoDate } from '../deadlines/index.ts';

/** Whose digest: a commune's leaders, or a province (its own cases and its communes'). */
export type DigestScope =
  | { readonly kind: 'commune'; readonly code: string }
  | { readonly kind: 'province'; readonly code: string };

/** Counts of one unit (a commune, or the province's own desk) for one week. */
export interface UnitCounts {
  /** Cases received in the week. */
  readonly received: number;
  /** Cases answered in the week (whenever received). */
  readonly answered: number;
  /** Of `answered`: on or before the due date (Viet Nam calendar day). */
  readonly answeredOnTime: number;
  /** Of `answered`: after the due date. `answeredOnTime + answeredLate = answered`. */
  readonly answeredLate: number;
  /** Cases that became overdue during the week. */
  readonly becameOverdue: number;
  /** Cases still waiting for their answer past their due date when the digest was made. */
  readonly overdueNow: number;
}

export interface UnitRow extends UnitCounts {
  readonly kind: 'commune' | 'province';
  readonly code: string;
  readonly name: string;
}

export interface DimensionScore {
  readonly count: number;
  /** Mean score 1–5, null when nobody rated. */
  readonly average: number | null;
  /** Scores of 4 or 5. */
  readonly satisfied: number;
}

/** A case still waiting past its due date, for the leaders' attention. */
export interface OverdueCase {
  readonly id: string;
  readonly code: string;
  readonly label: string;
  readonly dueDate: IsoDate;
  readonly unit: { readonly kind: 'commune' | 'province'; readonly code: string; readonly name: string };
  /** The citizen's words, shortened; null for protected denunciations, which never leave the inbox. */
  readonly excerpt: string | null;
}

export interface Digest {
  readonly scope: DigestScope;
  readonly scopeName: string;
  readonly weekStart: IsoDate;
  readonly weekEnd: IsoDate;
  /** When the numbers were taken (ISO instant); "now" counts are as of then. */
  readonly generatedAt: string;
  readonly totals: UnitCounts;
  /**
   * Per unit: for a commune, the commune itself; for a province, its own desk first, then
   * every commune with something to report. Rows sum to `totals`.
   */
  readonly units: readonly UnitRow[];
  /** Received cases by label, largest first; sums to `totals.received`. */
  readonly byLabel: readonly { readonly label: string; readonly count: number }[];
  /** Received this week per field (lĩnh vực); 'unknown' for cases made before the field output. */
  readonly byTopic: readonly { readonly topic: string; readonly count: number }[];
  /** Received cases by their status now; sums to `totals.received`. */
  readonly byStatus: Readonly<Record<CaseStatus, number>>;
  /**
   * Median time to answer, in working days from the day received to the day answered (Viet
   * Nam calendar), over the cases answered in the week; null when none was answered.
   */
  readonly medianAnswerWorkingDays: number | null;
  /** Received cases whose label still waits for a person to confirm it. */
  readonly needsReview: number;
  readonly apologies: { readonly drafted: number; readonly signed: number; readonly sent: number };
  readonly satisfaction: {
    readonly ratedCases: number;
    readonly byDimension: Readonly<Record<'attitude' | 'timeliness' | 'outcome', DimensionScore>>;
  };
  /** The longest-waiting overdue cases (at most OVERDUE_LIST_LIMIT); `totals.overdueNow` counts all. */
  readonly overdueCases: readonly OverdueCase[];
}
