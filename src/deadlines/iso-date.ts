/**
 * Calendar dates as `YYYY-MM-DD` strings, branded so a free-form string cannot reach the
 * calendar without being parsed. All arithmetic goes through day numbers (days since
 * 1970-01-01), which avoids every time-zone pitfall of `Date` for date-only values.
 */

declare const isoDateBrand: unique symbol;
declare const workingDateBrand: unique symbol;

/** A valid Gregorian date written `YYYY-MM-DD`. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

/** An `IsoDate` the calendar has confirmed to be a working day. */
export type WorkingDate = IsoDate & { readonly [workingDateBrand]: true };

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Viet Nam has kept UTC+7 without daylight saving since 1975 (IANA Asia/Ho_Chi_Minh), so a
 * fixed offset gives the same answer as a tz database and cannot drift with the host's ICU.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Parses `YYYY-MM-DD`; throws `InvalidDateError` naming the bad input. */
export function parseIsoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(`"${value}" is not a date written YYYY-MM-DD`);
  return value;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return parseIsoDate(`${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`);
}

/** The calendar date of an instant as seen in Viet Nam. */
export function toIsoDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new InvalidDateError('invalid Date');
  return fromDayNumber(Math.floor((instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000) / MS_PER_DAY));
}

/** Minutes since local (Viet Nam) midnight of an instant, for office-hours cut-offs. */
export function vietnamMinuteOfDay(instant: Date): number {
  const local = instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000;
  return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
}

export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const dt = new Date(dayNumber * MS_PER_DAY);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** YYYY-MM-DD as DD/MM/YYYY, the way Vietnamese (and British) readers write a day. */
export function dayMonthYear(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function parts(date: IsoDate): [year: number, month: number, day: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function weekdayOf(date: IsoDate): Weekday {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() as Weekday;
}

export function shiftDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
