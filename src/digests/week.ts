import {
  type IsoDate,
  InvalidDateError,
  parseIsoDate,
  toIsoDate,
  VIETNAM_UTC_OFFSET_MINUTES,
  weekdayOf,
} from '../deadlines/index.ts';

/** A calendar week, Monday to Sunday in Viet Nam, as the instants [from, to). */
export interface Week {
  /** The Monday. */
  readonly start: IsoDate;
  /** The Sunday. */
  readonly end: IsoDate;
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 86_400_000;

/** The week starting on `monday`; throws `InvalidDateError` for any other weekday. */
export function weekOf(monday: IsoDate): Week {
  if (weekdayOf(monday) !== 1) throw new InvalidDateError(`${monday} is not a Monday`);
  const from = new Date(Date.parse(`${monday}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  const to = new Date(from.getTime() + 7 * DAY_MS);
  return { start: monday, end: shift(monday, 6), from, to };
}

/** The Monday of the week (Viet Nam time) that contains `instant`. */
export function mondayOf(instant: Date): IsoDate {
  const day = toIsoDate(instant);
  return shift(day, -((weekdayOf(day) + 6) % 7));
}

/**
 * The last complete week before `instant`: what a digest fired on Monday morning reports.
 * Taken from the planned fire time, a job that runs late still reports the same week.
 */
export function previousWeek(instant: Date): Week {
  return weekOf(shift(mondayOf(instant), -7));
}

/** Parses a `--week` argument: any date of the week is accepted and moved to its Monday. */
export function parseWeek(text: string): Week {
  const day = parseIsoDate(text.trim());
  return weekOf(shift(day, -((weekdayOf(day) + 6) % 7)));
}

function shift(date: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS - VIETNAM_UTC_OFFSET_MINUTES * 60_000));
}
