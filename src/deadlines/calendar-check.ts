import type { CalendarData } from './adjustments.ts';
import type { WorkingCalendar } from './calendar.ts';
import { type IsoDate, isoDate, toIsoDate, yearOf } from './iso-date.ts';

/**
 * What of a year's calendar is not confirmed from an official text. A commune counts its
 * limits on this calendar, so an unconfirmed year must be visible to whoever maintains the
 * data before the year starts — the 2026 make-up Saturdays were missing for exactly that
 * reason: the data said "not in the sources read" and nobody was told.
 */
export type Unconfirmed =
  /** No official schedule (Tết, Quốc khánh, swaps) has been entered for the year. */
  | { readonly kind: 'no_schedule'; readonly year: number }
  /** The schedule is entered but marked uncertain. */
  | { readonly kind: 'schedule_uncertain'; readonly year: number; readonly source: string }
  /** One adjustment (or the optional holiday) marked uncertain. */
  | { readonly kind: 'entry_uncertain'; readonly dates: readonly IsoDate[]; readonly source: string }
  /** A weekday inside an official break that is neither a holiday nor paid for by a make-up day. */
  | { readonly kind: 'day_off_without_makeup'; readonly date: IsoDate; readonly source: string };

export function unconfirmedIn(calendar: WorkingCalendar, year: number): Unconfirmed[] {
  const data: CalendarData = calendar.data;
  const out: Unconfirmed[] = [];
  const schedule = data.schedules.get(year);
  if (!schedule) out.push({ kind: 'no_schedule', year });
  else if (schedule.uncertain) out.push({ kind: 'schedule_uncertain', year, source: schedule.source });
  for (const a of data.years.get(year) ?? []) {
    if (!a.uncertain) continue;
    const dates =
      a.type === 'off_block' ? [a.from, a.to] : a.type === 'swap' ? [a.dayOff, a.workedOn] : [a.date];
    out.push({ kind: 'entry_uncertain', dates, source: a.source });
  }
  for (const opt of Object.values(data.optionalHolidays)) {
    if (opt.enabled && opt.uncertain && year >= opt.fromYear) {
      out.push({ kind: 'entry_uncertain', dates: [isoDate(year, opt.month, opt.day)], source: opt.source });
    }
  }
  for (const h of calendar.holidaysOf(year)) {
    if (h.kind === 'break') out.push({ kind: 'day_off_without_makeup', date: h.date, source: h.source });
  }
  return out;
}

/** December (Viet Nam time) is when next year's notices are due; before that, no warning. */
const WARN_FROM_MONTH = 12;

/**
 * From 1 December: what is unconfirmed in next year's calendar, or null when nothing is (or
 * it is not December yet). Shown on the admin page and logged at start-up.
 */
export function nextYearCalendarWarning(
  calendar: WorkingCalendar,
  now: Date,
): { readonly year: number; readonly items: readonly Unconfirmed[] } | null {
  const today = toIsoDate(now);
  if (Number(today.slice(5, 7)) < WARN_FROM_MONTH) return null;
  const year = yearOf(today) + 1;
  const items = unconfirmedIn(calendar, year);
  return items.length === 0 ? null : { year, items };
}
