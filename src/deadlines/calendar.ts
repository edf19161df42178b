import { t } from '../i18n/index.ts';
import type { Adjustment, CalendarData, Occasion, OptionalHolidayKey } from './adjustments.ts';
import {
  fromDayNumber,
  type IsoDate,
  isoDate,
  shiftDays,
  toDayNumber,
  type WorkingDate,
  weekdayOf,
  yearOf,
} from './iso-date.ts';
import { FIRST_SUPPORTED_YEAR, LABOUR_CODE_SOURCE, LAST_SUPPORTED_YEAR, statutoryDays } from './statutory.ts';

/**
 * bridge = a weekday off paid for by a make-up day (a swap); break = a weekday inside an
 * official break with no make-up day entered (`calendar check` reports it).
 */
export type HolidayKind = 'statutory' | 'compensatory' | 'bridge' | 'break' | 'optional' | 'special';

export interface LocalName {
  vi: string;
  en: string;
}

/** A day off other than a plain Saturday or Sunday. */
export interface Holiday {
  date: IsoDate;
  /** The occasion the day belongs to; null for an operator-named special day. */
  occasion: Occasion | null;
  kind: HolidayKind;
  name: LocalName;
  source: string;
  uncertain: boolean;
}

/** A Saturday or Sunday worked by official decision (làm bù), or a computed day off cancelled. */
export interface MakeupWorkingDay {
  date: IsoDate;
  occasion: Occasion | null;
  name: LocalName;
  source: string;
  uncertain: boolean;
}

export class CalendarRangeError extends RangeError {
  override name = 'CalendarRangeError';
}

interface YearCalendar {
  holidays: Holiday[];
  makeup: MakeupWorkingDay[];
  off: ReadonlySet<IsoDate>;
  worked: ReadonlySet<IsoDate>;
}

/**
 * Weekly rest of công chức is Saturday and Sunday (QĐ 188/1999/QĐ-TTg, DOMAIN.md §4 marks the
 * citation uncertain; the practice is not in doubt).
 */
function isWeekend(date: IsoDate): boolean {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
}

const COMPENSATION_SOURCE =
  'Nghỉ bù when a holiday falls on the weekly rest day (NĐ 145/2020/NĐ-CP per press, thanhnien.vn 2026; Tết direction per vacanza/holidays) — DOMAIN.md §4';

export class WorkingCalendar {
  readonly #data: CalendarData;
  readonly #years = new Map<number, YearCalendar>();

  constructor(data: CalendarData) {
    this.#data = data;
  }

  /** The adjustments this calendar was built from (for `calendar check`). */
  get data(): CalendarData {
    return this.#data;
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = this.#year(yearOf(date));
    if (year.worked.has(date)) return true;
    return !isWeekend(date) && !year.off.has(date);
  }

  /** Days off of `year` other than plain weekends, in date order (a date may appear twice, e.g. 2/9). */
  holidaysOf(year: number): Holiday[] {
    return [...this.#year(year).holidays];
  }

  makeupWorkingDaysOf(year: number): MakeupWorkingDay[] {
    return [...this.#year(year).makeup];
  }

  /** `date` itself when it is a working day, else the first working day after it. */
  workingDayOnOrAfter(date: IsoDate): WorkingDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = shiftDays(d, 1);
    return d as WorkingDate;
  }

  /**
   * The n-th working day after `date` (before it when n < 0); `date` itself is never counted,
   * so it may be a day off. n = 0 gives `workingDayOnOrAfter(date)`.
   */
  addWorkingDays(date: IsoDate, n: number): WorkingDate {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
    if (n === 0) return this.workingDayOnOrAfter(date);
    const step = n > 0 ? 1 : -1;
    let d = date;
    for (let left = Math.abs(n); left > 0; ) {
      d = shiftDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d as WorkingDate;
  }

  /**
   * Working days in (a, b] — after a, up to and including b — negated when b is before a.
   * For a working day a, `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const [from, to, sign] = toDayNumber(a) <= toDayNumber(b) ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = toDayNumber(from) + 1; d <= toDayNumber(to); d++) {
      if (this.isWorkingDay(fromDayNumber(d))) count++;
    }
    return sign * count;
  }

  /**
   * `date` plus n calendar days. With `endOnDayOff: 'next_working_day'` (the default) a period
   * ending on a weekend or holiday ends on the next working day, as Bộ luật Dân sự 2015
   * Điều 148 provides for periods counted in days (DOMAIN.md §4 marks it unverified).
   */
  addCalendarDays(date: IsoDate, n: number, opts: { endOnDayOff?: 'next_working_day' | 'keep' } = {}): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`calendar days must be a whole number, got ${n}`);
    const end = shiftDays(date, n);
    return (opts.endOnDayOff ?? 'next_working_day') === 'next_working_day' ? this.workingDayOnOrAfter(end) : end;
  }

  #year(year: number): YearCalendar {
    if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new CalendarRangeError(
        `the working-day calendar covers ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR} (Bộ luật Lao động 2019), not ${year}`,
      );
    }
    let cal = this.#years.get(year);
    if (!cal) {
      cal = this.#build(year);
      this.#years.set(year, cal);
    }
    return cal;
  }

  #work(
    adj: { occasion?: Occasion | undefined; name?: LocalName | undefined; source: string; uncertain: boolean },
    date: IsoDate,
    worked: Set<IsoDate>,
    makeup: MakeupWorkingDay[],
  ): void {
    worked.add(date);
    makeup.push({
      date,
      occasion: adj.occasion ?? null,
      name: names('deadlines.holiday_kind.working_day', {}, adj.name ?? occasionNames(adj.occasion ?? null)),
      source: adj.source,
      uncertain: adj.uncertain,
    });
  }

  #build(year: number): YearCalendar {
    let holidays: Holiday[] = [];
    const worked = new Set<IsoDate>();
    const makeup: MakeupWorkingDay[] = [];
    const isOff = (d: IsoDate) => holidays.some((h) => h.date === d);
    const plainWorking = (d: IsoDate) => !isWeekend(d) && !isOff(d);

    for (const s of statutoryDays(year)) {
      holidays.push({
        date: s.date,
        occasion: s.occasion,
        kind: 'statutory',
        name: names(`deadlines.holiday.${s.nameKey}`, s.nameVars),
        source: LABOUR_CODE_SOURCE,
        uncertain: false,
      });
    }
    for (const [key, opt] of Object.entries(this.#data.optionalHolidays)) {
      if (!opt.enabled || year < opt.fromYear) continue;
      holidays.push({
        date: isoDate(year, opt.month, opt.day),
        occasion: key as OptionalHolidayKey,
        kind: 'optional',
        name: names(`deadlines.holiday.${key}`),
        source: opt.source,
        uncertain: opt.uncertain,
      });
    }
    holidays.sort(byDate);

    // Compensation, in date order so that a later one skips days already given.
    const tet = holidays.filter((h) => h.occasion === 'tet' && h.kind === 'statutory').map((h) => h.date);
    const tetFirst = tet[0];
    const tetLast = tet[tet.length - 1];
    for (const h of holidays.filter((x) => isWeekend(x.date))) {
      let d: IsoDate;
      if (h.occasion === 'tet' && tetFirst && tetLast) {
        // For Tết a Saturday is made good before the break and a Sunday after it, so the
        // break stays one block (the pattern of the 2024 and 2025 decisions).
        const saturday = weekdayOf(h.date) === 6;
        d = shiftDays(saturday ? tetFirst : tetLast, saturday ? -1 : 1);
        while (!plainWorking(d)) d = shiftDays(d, saturday ? -1 : 1);
      } else {
        d = shiftDays(h.date, 1);
        while (!plainWorking(d)) d = shiftDays(d, 1);
      }
      holidays.push({
        date: d,
        occasion: h.occasion,
        kind: 'compensatory',
        name: names('deadlines.holiday_kind.compensatory', {}, occasionNames(h.occasion)),
        source: COMPENSATION_SOURCE,
        uncertain: true,
      });
    }

    // A swap near New Year may pay for its day off in the neighbouring year.
    for (const y of [year - 1, year + 1]) {
      for (const adj of this.#data.years.get(y) ?? []) {
        if (adj.type === 'swap' && yearOf(adj.workedOn) === year) this.#work(adj, adj.workedOn, worked, makeup);
      }
    }
    for (const adj of this.#data.years.get(year) ?? []) {
      const label = adj.name ?? occasionNames(adj.occasion ?? null);
      const occasion = adj.occasion ?? null;
      if (adj.type === 'working_day') {
        holidays = holidays.filter((h) => h.date !== adj.date);
        this.#work(adj, adj.date, worked, makeup);
        continue;
      }
      if (adj.type === 'swap' && yearOf(adj.workedOn) === year) {
        holidays = holidays.filter((h) => h.date !== adj.workedOn);
        this.#work(adj, adj.workedOn, worked, makeup);
      }
      const dates = adj.type === 'off_block' ? span(adj) : adj.type === 'swap' ? [adj.dayOff] : [adj.date];
      const kind: HolidayKind = adj.type === 'off_block' ? 'break' : adj.type === 'swap' ? 'bridge' : adj.kind;
      for (const d of dates) {
        worked.delete(d);
        if (adj.type === 'off_block' && (isWeekend(d) || isOff(d))) continue;
        holidays = holidays.filter((h) => !(h.date === d && h.kind === 'break'));
        holidays.push({
          date: d,
          occasion,
          kind,
          name: kind === 'special' ? label : names(`deadlines.holiday_kind.${kind}`, {}, label),
          source: adj.source,
          uncertain: adj.uncertain,
        });
      }
    }
    holidays.sort(byDate);
    return {
      holidays: holidays.filter((h) => !worked.has(h.date)),
      makeup: makeup.filter((m) => worked.has(m.date)).sort(byDate),
      off: new Set(holidays.filter((h) => !worked.has(h.date)).map((h) => h.date)),
      worked,
    };
  }
}

function span(block: Extract<Adjustment, { type: 'off_block' }>): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = toDayNumber(block.from); d <= toDayNumber(block.to); d++) out.push(fromDayNumber(d));
  return out;
}

function byDate<T extends { date: IsoDate }>(a: T, b: T): number {
  return a.date.localeCompare(b.date);
}

function occasionNames(occasion: Occasion | null): LocalName {
  return occasion ? names(`deadlines.occasion.${occasion}`) : names('deadlines.occasion.other');
}

/** The name in both languages; `of` fills `{of}` with the matching language's occasion name. */
function names(key: string, vars: Readonly<Record<string, number>> = {}, of?: LocalName): LocalName {
  return {
    vi: t('vi', key, { ...vars, ...(of ? { of: of.vi } : {}) }),
    en: t('en', key, { ...vars, ...(of ? { of: of.en } : {}) }),
  };
}
