/**
 * THE SEAM the deadlines issue replaces: N working days counting Mondays to Fridays only.
 * It knows no public holidays (Tết, Giỗ Tổ, 30/4, 2/9…), so near a holiday it promises a
 * date that is too early. src/deadlines will provide the real calendar; the engine only
 * ever calls `EngineDeps.dueDate`, so swapping it touches the wiring, not the flow.
 */
const PLACEHOLDER_WORKING_DAYS = 10;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function placeholderDueDate(_caseType: string, receivedAt: Date): { due: string } {
  // Count from the calendar day in Vietnam, where the citizen and the commune are.
  const day = new Date(receivedAt.getTime() + VIETNAM_OFFSET_MS);
  day.setUTCHours(0, 0, 0, 0);
  let left = PLACEHOLDER_WORKING_DAYS;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const dow = day.getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return { due: day.toISOString().slice(0, 10) };
}

/** 2026-12-07 → 07/12/2026, the way dates are written in Vietnam (and understood in English). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
