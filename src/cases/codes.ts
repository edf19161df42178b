import type { Queryable } from '../db/index.ts';

/** Codes look like PA-2026-000123: "phản ánh", the year, and a number that restarts each year. */
const CODE_PATTERN = /\bPA[\s-]?(\d{4})[\s-]?(\d{1,6})\b/i;

/** The year as the citizen sees it: codes roll over at midnight in Vietnam, not in UTC. */
export function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

export function formatCaseCode(year: number, n: number): string {
  return `PA-${year}-${String(n).padStart(6, '0')}`;
}

/** Finds a case code in free text, forgiving case, spaces and missing zeros ("pa 2026 123"). */
export function findCaseCode(text: string): string | null {
  const m = CODE_PATTERN.exec(text);
  if (!m) return null;
  return formatCaseCode(Number(m[1]), Number(m[2]));
}

/** The next number of the year; the upsert's row lock makes concurrent callers queue. */
export async function allocateCaseCode(tx: Queryable, at: Date): Promise<string> {
  const year = vietnamYear(at);
  const rows = await tx.query<{ last_value: number }>(
    `INSERT INTO case_code_counters (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = case_code_counters.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return formatCaseCode(year, Number(rows[0]!.last_value));
}
