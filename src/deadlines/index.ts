/**
 * Working-day calendar (lunar holidays, yearly official adjustments) and the time limits of
 * feedback, complaints and denunciations. The module-level functions use the project's data
 * (data/holidays, data/deadlines) loaded once; `createDeadlines` builds an independent set
 * from other folders, for tests and operator tools.
 */

import { HOLIDAYS_DIR, loadCalendarData } from './adjustments.ts';
import { type Holiday, type MakeupWorkingDay, WorkingCalendar } from './calendar.ts';
import { nextYearCalendarWarning, type Unconfirmed, unconfirmedIn } from './calendar-check.ts';
import type { IsoDate, WorkingDate } from './iso-date.ts';
import { type CaseType, Deadlines, type DueDate, loadTimeLimits, TIME_LIMITS_DIR, type TimeLimit } from './time-limits.ts';

export type {
  Adjustment,
  CalendarData,
  Occasion,
  OptionalHoliday,
  OptionalHolidayKey,
  YearSchedule,
} from './adjustments.ts';
export { CalendarDataError, loadCalendarData, mergeCalendarData, OCCASIONS } from './adjustments.ts';
export type { Holiday, HolidayKind, LocalName, MakeupWorkingDay } from './calendar.ts';
export { CalendarRangeError, WorkingCalendar } from './calendar.ts';
export { nextYearCalendarWarning, type Unconfirmed, unconfirmedIn } from './calendar-check.ts';
export type { IsoDate, Weekday, WorkingDate } from './iso-date.ts';
export {
  dayMonthYear,
  InvalidDateError,
  isIsoDate,
  parseIsoDate,
  toIsoDate,
  VIETNAM_UTC_OFFSET_MINUTES,
  weekdayOf,
} from './iso-date.ts';
export type { LunarDate } from './lunar.ts';
export { LunarDateError, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';
export { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './statutory.ts';
export {
  CASE_KINDS_FILE,
  CASE_KINDS_IN_LAW,
  type CaseKindRule,
  type CaseKindTable,
  CaseKindDataError,
  caseKindRule,
  caseKinds,
  isLegalKind,
  type KindEvidence,
  type LegalKind,
  limitOfKind,
  parseCaseKinds,
  proposeCaseKind,
} from './case-kinds.ts';
export type { CaseType, DueDate, TimeLimit, TimeLimitTable } from './time-limits.ts';
export { CASE_TYPES, Deadlines, isCaseType, loadTimeLimits, mergeTimeLimits, TimeLimitDataError } from './time-limits.ts';

/**
 * `holidaysFile`: an operator's file of the same shape as data/holidays/adjustments.json, read
 * after the shipped ones so that it wins on the same date (HOLIDAYS_FILE in production).
 */
export function createDeadlines(dirs: { holidays?: string; holidaysFile?: string; timeLimits?: string } = {}): Deadlines {
  const calendar = new WorkingCalendar(loadCalendarData(dirs.holidays ?? HOLIDAYS_DIR, dirs.holidaysFile));
  return new Deadlines(calendar, loadTimeLimits(dirs.timeLimits ?? TIME_LIMITS_DIR));
}

let shared: Deadlines | undefined;

/**
 * The project's deadlines, loaded from data/ on first use, plus the operator's HOLIDAYS_FILE.
 * Read here rather than from the process configuration because the CLI and the worker both
 * count on the very same calendar.
 */
export function deadlines(): Deadlines {
  shared ??= createDeadlines({ holidaysFile: process.env.HOLIDAYS_FILE || undefined });
  return shared;
}

/** What of `year`'s calendar is not confirmed from an official text (`congboc calendar check`). */
export function unconfirmedCalendar(year: number): Unconfirmed[] {
  return unconfirmedIn(deadlines().calendar, year);
}

/** From 1 December, what of next year's calendar is unconfirmed; null otherwise. */
export function calendarWarning(now: Date): ReturnType<typeof nextYearCalendarWarning> {
  return nextYearCalendarWarning(deadlines().calendar, now);
}

export function isWorkingDay(date: IsoDate): boolean {
  return deadlines().calendar.isWorkingDay(date);
}

export function addWorkingDays(date: IsoDate, n: number): WorkingDate {
  return deadlines().calendar.addWorkingDays(date, n);
}

export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  return deadlines().calendar.workingDaysBetween(a, b);
}

export function workingDayOnOrAfter(date: IsoDate): WorkingDate {
  return deadlines().calendar.workingDayOnOrAfter(date);
}

export function addCalendarDays(
  date: IsoDate,
  n: number,
  opts?: { endOnDayOff?: 'next_working_day' | 'keep' },
): IsoDate {
  return deadlines().calendar.addCalendarDays(date, n, opts);
}

export function holidaysOf(year: number): Holiday[] {
  return deadlines().calendar.holidaysOf(year);
}

export function makeupWorkingDaysOf(year: number): MakeupWorkingDay[] {
  return deadlines().calendar.makeupWorkingDaysOf(year);
}

export function timeLimitFor(caseType: CaseType): TimeLimit {
  return deadlines().timeLimitFor(caseType);
}

export function dueDate(caseType: CaseType, receivedAt: Date): DueDate {
  return deadlines().dueDate(caseType, receivedAt);
}

export function reminderDate(due: IsoDate, workingDaysBefore: number): WorkingDate {
  return deadlines().reminderDate(due, workingDaysBefore);
}

export function apologyDraftDate(due: IsoDate): WorkingDate {
  return deadlines().apologyDraftDate(due);
}

// The plan of deadline jobs (what is due when); the BullMQ scheduler that runs them is src/deadline-jobs.
export {
  DEADLINE_KINDS,
  DEADLINES_QUEUE,
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineJob,
  type DeadlineKind,
  type DeadlineSettings,
  deadlineJobId,
  deadlinePlan,
  vietnamTime,
} from './jobs.ts';
