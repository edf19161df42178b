import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, shiftDays, toDayNumber } from '../../src/deadlines/iso-date.ts';
import {
  addCalendarDays,
  addWorkingDays,
  CalendarDataError,
  CalendarRangeError,
  holidaysOf,
  isWorkingDay,
  type IsoDate,
  loadCalendarData,
  makeupWorkingDaysOf,
  mergeCalendarData,
  nextYearCalendarWarning,
  parseIsoDate,
  unconfirmedIn,
  WorkingCalendar,
  weekdayOf,
  workingDaysBetween,
} from '../../src/deadlines/index.ts';

const d = parseIsoDate;
const SHIPPED = join(import.meta.dirname, '..', '..', 'data', 'holidays', 'adjustments.json');

function range(from: string, to: string): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = toDayNumber(d(from)); n <= toDayNumber(d(to)); n++) out.push(fromDayNumber(n));
  return out;
}

/** Asserts [from, to] is exactly one break: every day off, the day before and after worked. */
function expectBreak(from: string, to: string, isWorking: (x: IsoDate) => boolean = isWorkingDay): void {
  for (const day of range(from, to)) expect(isWorking(day), `${day} should be a day off`).toBe(false);
  expect(isWorking(shiftDays(d(from), -1)), `${from} - 1 should be worked`).toBe(true);
  expect(isWorking(shiftDays(d(to), 1)), `${to} + 1 should be worked`).toBe(true);
}

/** Length of the run of days off containing `date` (weekends included). */
function breakLength(date: string): number {
  let a = d(date);
  let b = d(date);
  while (!isWorkingDay(shiftDays(a, -1))) a = shiftDays(a, -1);
  while (!isWorkingDay(shiftDays(b, 1))) b = shiftDays(b, 1);
  return toDayNumber(b) - toDayNumber(a) + 1;
}

describe('official calendars 2024–2027', () => {
  it('2024: Tết 8–14/2, 30/4 bridge 27/4–1/5 with Saturday 4/5 worked, Quốc khánh 31/8–3/9', () => {
    expectBreak('2024-02-08', '2024-02-14');
    expectBreak('2024-04-27', '2024-05-01');
    expect(weekdayOf(d('2024-05-04'))).toBe(6);
    expect(isWorkingDay(d('2024-05-04'))).toBe(true);
    expectBreak('2024-08-31', '2024-09-03');
    expect(isWorkingDay(d('2024-04-18'))).toBe(false); // Giỗ Tổ, a Thursday
    expect(isWorkingDay(d('2024-01-01'))).toBe(false);
    expect(makeupWorkingDaysOf(2024).map((m) => m.date)).toEqual(['2024-05-04']);
  });

  it('2025: Tết 25/1–2/2, 30/4–4/5 with Saturday 26/4 worked, Giỗ Tổ 5–7/4, Quốc khánh 30/8–2/9', () => {
    expectBreak('2025-01-25', '2025-02-02');
    expectBreak('2025-04-30', '2025-05-04');
    expect(weekdayOf(d('2025-04-26'))).toBe(6);
    expect(isWorkingDay(d('2025-04-26'))).toBe(true);
    expectBreak('2025-04-05', '2025-04-07');
    expectBreak('2025-08-30', '2025-09-02');
  });

  it('2026: Tết 14–22/2 (9 days) and the documented totals 4 + 9 + 3 + 4 + 5 = 25 days', () => {
    expectBreak('2026-02-14', '2026-02-22');
    expectBreak('2026-01-01', '2026-01-04');
    expectBreak('2026-04-25', '2026-04-27');
    expectBreak('2026-04-30', '2026-05-03');
    expectBreak('2026-08-29', '2026-09-02');
    const totals = ['2026-01-01', '2026-02-17', '2026-04-26', '2026-04-30', '2026-09-02'].map(breakLength);
    expect(totals).toEqual([4, 9, 3, 4, 5]);
    expect(totals.reduce((a, b) => a + b)).toBe(25);
  });

  it('2027 (no official schedule yet): statutory days with nghỉ bù by rule', () => {
    // Tết: eve Fri 5/2, mùng 1 Sat 6/2 (made good Thu 4/2), mùng 2 Sun 7/2 (made good Wed 10/2).
    expectBreak('2027-02-04', '2027-02-10');
    const tet = holidaysOf(2027).filter((h) => h.occasion === 'tet');
    expect(tet.filter((h) => h.kind === 'statutory').map((h) => h.date)).toEqual(
      range('2027-02-05', '2027-02-09'),
    );
    expect(tet.filter((h) => h.kind === 'compensatory').map((h) => h.date)).toEqual(['2027-02-04', '2027-02-10']);
    // 1/5 is a Saturday: nghỉ bù on Monday 3/5.
    expectBreak('2027-04-30', '2027-05-03');
    // 2/9 is a Thursday: the adjacent day is Friday 3/9.
    expectBreak('2027-09-02', '2027-09-05');
    expect(isWorkingDay(d('2027-04-16'))).toBe(false);
    expect(isWorkingDay(d('2027-01-01'))).toBe(false);
  });

  it('2026 make-up Saturdays: 10/1 pays for Friday 2/1, 22/8 for Monday 31/8, each with its source', () => {
    expect(isWorkingDay(d('2026-01-10'))).toBe(true);
    expect(isWorkingDay(d('2026-08-22'))).toBe(true);
    expect(isWorkingDay(d('2026-01-02'))).toBe(false);
    expect(isWorkingDay(d('2026-08-31'))).toBe(false);
    const makeup = makeupWorkingDaysOf(2026);
    expect(makeup.map((m) => m.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(makeup[0]?.source).toContain('12729/VPCP-KGVX');
    expect(makeup[1]?.source).toContain('9441/TB-BNV');
    expect(holidaysOf(2026).find((h) => h.date === '2026-01-02')).toMatchObject({ kind: 'bridge', uncertain: false });
    // Every day off and every worked weekend day names where it comes from.
    for (const year of [2024, 2025, 2026]) {
      for (const x of [...holidaysOf(year), ...makeupWorkingDaysOf(year)]) expect(x.source.length).toBeGreaterThan(10);
    }
  });

  it('24/11 (Ngày Văn hóa Việt Nam) is a day off from 2026 (Nghị quyết 28/2026/QH16), not before', () => {
    expect(isWorkingDay(d('2026-11-24'))).toBe(false);
    expect(isWorkingDay(d('2025-11-24'))).toBe(true);
    const h = holidaysOf(2026).find((x) => x.occasion === 'vietnam_culture_day');
    expect(h?.source).toContain('28/2026/QH16');
    expect(addWorkingDays(d('2026-11-23'), 1)).toBe('2026-11-25');
  });

  it('names every holiday in Vietnamese and English (NFC) and names its source', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      for (const h of holidaysOf(year)) {
        expect(h.name.vi.length).toBeGreaterThan(0);
        expect(h.name.en.length).toBeGreaterThan(0);
        expect(h.name.vi).toBe(h.name.vi.normalize('NFC'));
        expect(h.name.vi).not.toBe(h.name.en);
        expect(h.source.length).toBeGreaterThan(10);
      }
    }
    const eve2026 = holidaysOf(2026).find((h) => h.date === '2026-02-16');
    expect(eve2026?.name.vi).toBe('Tết Nguyên đán (ngày 29 tháng Chạp)');
    expect(holidaysOf(2026).find((h) => h.date === '2026-02-17')?.name.en).toBe(
      'Lunar New Year (day 1 of the 1st lunar month)',
    );
    expect(holidaysOf(2026).find((h) => h.date === '2026-04-27')?.kind).toBe('compensatory');
  });

  it('refuses years outside the Labour Code 2019 regime', () => {
    expect(() => isWorkingDay(d('2020-06-01'))).toThrow(CalendarRangeError);
    expect(() => holidaysOf(2200)).toThrow(CalendarRangeError);
  });
});

describe('working-day arithmetic', () => {
  it('adds working days across Tết, not counting the start day', () => {
    expect(addWorkingDays(d('2026-02-10'), 5)).toBe('2026-02-24');
    expect(addWorkingDays(d('2026-02-13'), 1)).toBe('2026-02-23');
    expect(addWorkingDays(d('2026-02-23'), -1)).toBe('2026-02-13');
    // From a day off, the first working day after it is day 1.
    expect(addWorkingDays(d('2026-02-15'), 1)).toBe('2026-02-23');
    expect(addWorkingDays(d('2026-02-15'), 0)).toBe('2026-02-23');
    expect(addWorkingDays(d('2026-02-12'), 0)).toBe('2026-02-12');
    // The 2024 make-up Saturday counts.
    expect(addWorkingDays(d('2024-05-03'), 1)).toBe('2024-05-04');
    expect(() => addWorkingDays(d('2026-02-10'), 1.5)).toThrow(RangeError);
  });

  it('counts working days in (a, b] and inverts addWorkingDays', () => {
    expect(workingDaysBetween(d('2026-02-10'), d('2026-02-24'))).toBe(5);
    expect(workingDaysBetween(d('2026-02-24'), d('2026-02-10'))).toBe(-5);
    expect(workingDaysBetween(d('2026-02-14'), d('2026-02-22'))).toBe(0);
    expect(workingDaysBetween(d('2026-02-10'), d('2026-02-10'))).toBe(0);
    // Every working day of 2024–2027 and several spans: add then count gives back n.
    for (const start of range('2024-01-01', '2027-12-01').filter((x) => isWorkingDay(x))) {
      for (const n of [1, 5, 7, 10]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
        expect(workingDaysBetween(start, addWorkingDays(start, -n))).toBe(-n);
      }
    }
  });

  it('adds calendar days, moving an end on a day off to the next working day unless told to keep it', () => {
    expect(addCalendarDays(d('2026-02-10'), 5)).toBe('2026-02-23');
    expect(addCalendarDays(d('2026-02-10'), 5, { endOnDayOff: 'keep' })).toBe('2026-02-15');
    expect(addCalendarDays(d('2026-11-23'), 30)).toBe('2026-12-23');
  });
});

describe('operator data', () => {
  function dirWith(extra: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'congboc-holidays-'));
    copyFileSync(SHIPPED, join(dir, 'adjustments.json'));
    for (const [name, json] of Object.entries(extra)) writeFileSync(join(dir, name), JSON.stringify(json));
    return dir;
  }

  it('Ngày Văn hóa Việt Nam gets nghỉ bù on a weekend, and a later file can switch it off', () => {
    const shipped = new WorkingCalendar(loadCalendarData(dirWith({})));
    const h = shipped.holidaysOf(2026).find((x) => x.date === '2026-11-24');
    expect(h).toMatchObject({ kind: 'optional', occasion: 'vietnam_culture_day' });
    expect(h?.name.vi).toBe('Ngày Văn hóa Việt Nam (24/11)');
    // 24/11/2029 is a Saturday.
    expect(shipped.isWorkingDay(d('2029-11-26'))).toBe(false);
    expect(shipped.isWorkingDay(d('2029-11-27'))).toBe(true);
    const off = new WorkingCalendar(
      loadCalendarData(dirWith({ 'local.json': { optionalHolidays: { vietnam_culture_day: { enabled: false } } } })),
    );
    expect(off.isWorkingDay(d('2026-11-24'))).toBe(true);
  });

  it('HOLIDAYS_FILE is read after the shipped data and wins on the same date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congboc-operator-'));
    const file = join(dir, 'operator.json');
    writeFileSync(
      file,
      JSON.stringify({
        schedules: { '2027': { source: 'test notice 1/TB-BNV', uncertain: false } },
        years: {
          '2027': [{ type: 'swap', dayOff: '2027-04-29', workedOn: '2027-05-08', occasion: 'reunification', source: 'test notice 1/TB-BNV', uncertain: false }],
        },
      }),
    );
    const cal = new WorkingCalendar(loadCalendarData(dirWith({}), file));
    expect(cal.isWorkingDay(d('2027-04-29'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-05-08'))).toBe(true);
    expect(unconfirmedIn(cal, 2027).map((u) => u.kind)).toEqual(['entry_uncertain']);
  });

  it('lets a year file add a one-off day off, cancel a computed one and set a make-up Saturday', () => {
    const cal = new WorkingCalendar(
      loadCalendarData(
        dirWith({
          '2027.json': {
            years: {
              '2027': [
                { type: 'working_day', date: '2027-02-10', occasion: 'tet', source: 'test decision', uncertain: false },
                {
                  type: 'swap',
                  dayOff: '2027-02-11',
                  workedOn: '2027-02-20',
                  occasion: 'tet',
                  source: 'test decision',
                  uncertain: false,
                },
                {
                  type: 'day_off',
                  date: '2027-03-08',
                  kind: 'special',
                  name: { vi: 'Ngày nghỉ thử', en: 'Test day off' },
                  source: 'test decision',
                  uncertain: false,
                },
              ],
            },
          },
        }),
      ),
    );
    expect(cal.isWorkingDay(d('2027-02-10'))).toBe(true);
    expect(cal.isWorkingDay(d('2027-02-20'))).toBe(true);
    expect(cal.isWorkingDay(d('2027-02-11'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-03-08'))).toBe(false);
    expect(cal.holidaysOf(2027).find((h) => h.date === '2027-03-08')?.name.en).toBe('Test day off');
    expect(cal.makeupWorkingDaysOf(2027).map((m) => m.date)).toEqual(['2027-02-10', '2027-02-20']);
  });

  it('refuses a make-up Saturday entered without the day it pays for, and a swap the wrong way round', () => {
    const lone = { type: 'working_day', date: '2027-02-20', occasion: 'tet', source: 'a decision', uncertain: false };
    expect(() => mergeCalendarData([{ label: 'x', json: { years: { '2027': [lone] } } }])).toThrow(/swap/);
    const backwards = { type: 'swap', dayOff: '2027-02-20', workedOn: '2027-02-11', occasion: 'tet', source: 'a decision', uncertain: false };
    expect(() => mergeCalendarData([{ label: 'x', json: { years: { '2027': [backwards] } } }])).toThrow(/weekday off/);
  });

  it('check lists what a year lacks: no schedule, uncertain entries, a day off in a break with no make-up day', () => {
    expect(unconfirmedIn(new WorkingCalendar(loadCalendarData(dirWith({}))), 2025)).toEqual([]);
    const cal = new WorkingCalendar(
      loadCalendarData(
        dirWith({
          'gap.json': {
            years: {
              '2027': [{ type: 'off_block', from: '2027-01-01', to: '2027-01-04', occasion: 'new_year', source: 'press only', uncertain: true }],
            },
          },
        }),
      ),
    );
    const kinds = unconfirmedIn(cal, 2027).map((u) => u.kind);
    expect(kinds).toEqual(['no_schedule', 'entry_uncertain', 'entry_uncertain', 'day_off_without_makeup']);
  });

  it('warns from 1 December (Viet Nam time) about next year only', () => {
    const cal = new WorkingCalendar(loadCalendarData(dirWith({})));
    expect(nextYearCalendarWarning(cal, new Date('2026-11-30T16:59:00Z'))).toBeNull();
    const w = nextYearCalendarWarning(cal, new Date('2026-11-30T17:00:00Z'));
    expect(w?.year).toBe(2027);
    expect(w?.items[0]).toEqual({ kind: 'no_schedule', year: 2027 });
    // Once 2025's schedule was in, December 2024 had nothing to warn about.
    const confirmed = new WorkingCalendar(
      loadCalendarData(dirWith({ 'off.json': { optionalHolidays: { vietnam_culture_day: { enabled: false } } } })),
    );
    expect(nextYearCalendarWarning(confirmed, new Date('2024-12-05T03:00:00Z'))).toBeNull();
  });

  it('rejects entries without a source, dates filed under the wrong year, and unknown fields', () => {
    const entry = { type: 'day_off', date: '2027-03-08', kind: 'special', occasion: 'tet', uncertain: false };
    expect(() => mergeCalendarData([{ label: 'x', json: { years: { '2027': [entry] } } }])).toThrow(/source/);
    expect(() =>
      mergeCalendarData([{ label: 'x', json: { years: { '2026': [{ ...entry, source: 'a decision' }] } } }]),
    ).toThrow(CalendarDataError);
    expect(() => mergeCalendarData([{ label: 'x', json: { holidays: [] } }])).toThrow(CalendarDataError);
    expect(() =>
      mergeCalendarData([{ label: 'x', json: { optionalHolidays: { vietnam_culture_day: { enabled: true } } } }]),
    ).toThrow(/optional holiday/);
  });
});
