import { describe, expect, it } from 'vitest';
import { fromDayNumber, parseIsoDate, toDayNumber } from '../../src/deadlines/iso-date.ts';
import { LunarDateError, lunarNewYear, lunarToSolar, solarToLunar } from '../../src/deadlines/index.ts';

const d = parseIsoDate;

describe('lunar calendar (Hồ Ngọc Đức algorithm, UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết Nguyên đán %i is %s', (year, expected) => {
    expect(lunarNewYear(year)).toBe(expected);
    expect(solarToLunar(d(expected))).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('uses the Vietnamese meridian: Tết 1985 and 2007 differ from the UTC+8 (Chinese) dates', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(1985, 8)).toBe('1985-02-20');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2007, 8)).toBe('2007-02-18');
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương (10/3 âm lịch) %i is %s', (year, expected) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(expected);
  });

  it('matches the lunar dates quoted for the 2026 Tết break (DOMAIN.md §4)', () => {
    // "Sat 14/02/2026 (27 tháng Chạp Ất Tỵ) → Sun 22/02/2026 (mùng 6 tháng Giêng)"
    expect(solarToLunar(d('2026-02-14'))).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    expect(solarToLunar(d('2026-02-22'))).toEqual({ day: 6, month: 1, year: 2026, leap: false });
    // vnanet: Monday 16/2/2026 is 29 tháng Chạp (the lunar year has no 30th that month)
    expect(solarToLunar(d('2026-02-16'))).toEqual({ day: 29, month: 12, year: 2025, leap: false });
  });

  it('finds leap months (2023: nhuận tháng 2, 2025: nhuận tháng 6) and mid-autumn days', () => {
    expect(solarToLunar(d('2023-03-22'))).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(d('2025-07-25'))).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: false })).toBe('2025-06-25');
    expect(lunarToSolar({ day: 15, month: 8, year: 2024, leap: false })).toBe('2024-09-17');
    expect(lunarToSolar({ day: 15, month: 8, year: 2025, leap: false })).toBe('2025-10-06');
  });

  it('round-trips every day from 2021 to 2030', () => {
    const start = toDayNumber(d('2021-01-01'));
    const end = toDayNumber(d('2030-12-31'));
    let previous = solarToLunar(fromDayNumber(start - 1));
    for (let n = start; n <= end; n++) {
      const date = fromDayNumber(n);
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar)).toBe(date);
      // Consecutive days either advance the lunar day by one or start a new month at day 1.
      expect(lunar.day === previous.day + 1 || (lunar.day === 1 && previous.day >= 29)).toBe(true);
      previous = lunar;
    }
  });

  it('refuses lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toThrow(LunarDateError);
    expect(() => lunarToSolar({ day: 1, month: 2, year: 2024, leap: true })).toThrow(LunarDateError);
    // Tháng Chạp Giáp Thìn has 29 days: Tết Ất Tỵ's eve (28/1/2025) is the 29th.
    expect(solarToLunar(d('2025-01-28'))).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2024, leap: false })).toThrow(LunarDateError);
    expect(() => lunarToSolar({ day: 0, month: 1, year: 2024, leap: false })).toThrow(LunarDateError);
  });
});
