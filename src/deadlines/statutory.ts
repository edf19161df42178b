import type { Occasion } from './adjustments.ts';
import { type IsoDate, isoDate, shiftDays, type Weekday, weekdayOf } from './iso-date.ts';
import { lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';

/**
 * The paid public holidays of Bộ luật Lao động 45/2019/QH14, Điều 112 khoản 1 (in force since
 * 01/01/2021), computed for one Gregorian year. Yearly decisions that move days around are
 * applied on top of this by the calendar, from data/holidays.
 */

export const LABOUR_CODE_SOURCE = 'Bộ luật Lao động 45/2019/QH14, Điều 112 khoản 1 (Pháp điển: van-ban/lao-dong/lao-dong.md)';
export const FIRST_SUPPORTED_YEAR = 2021;
/** The lunar algorithm's approximations are published as reliable up to 2199. */
export const LAST_SUPPORTED_YEAR = 2199;

export interface StatutoryDay {
  date: IsoDate;
  occasion: Occasion;
  /** Message key under `deadlines.holiday.` and its placeholders. */
  nameKey: string;
  nameVars: Readonly<Record<string, number>>;
}

export function statutoryDays(year: number): StatutoryDay[] {
  const days: StatutoryDay[] = [
    fixed(year, 1, 1, 'new_year'),
    ...tetDays(year),
    {
      date: lunarToSolar({ day: 10, month: 3, year, leap: false }),
      occasion: 'hung_kings',
      nameKey: 'hung_kings',
      nameVars: {},
    },
    fixed(year, 4, 30, 'reunification'),
    fixed(year, 5, 1, 'labour'),
    fixed(year, 9, 2, 'national_day'),
    {
      date: nationalDayAdjacent(year),
      occasion: 'national_day',
      nameKey: 'national_day_adjacent',
      nameVars: {},
    },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Tết Âm lịch, 05 days: the last day of the lunar year (giao thừa) and mùng 1–4. */
function tetDays(year: number): StatutoryDay[] {
  const first = lunarNewYear(year);
  const eve = shiftDays(first, -1);
  const out: StatutoryDay[] = [{ date: eve, occasion: 'tet', nameKey: 'tet_eve', nameVars: { day: solarToLunar(eve).day } }];
  for (let i = 0; i < 4; i++) {
    out.push({ date: shiftDays(first, i), occasion: 'tet', nameKey: 'tet_day', nameVars: { day: i + 1 } });
  }
  return out;
}

/**
 * Điều 112 gives 02/9 "và 01 ngày liền kề trước hoặc sau" and leaves the choice to the Prime
 * Minister each year. The default picks the side that joins a weekend, the rule the peer
 * library vacanza/holidays encodes (DOMAIN.md §4); a year's data file overrides it.
 */
const ADJACENT_SHIFT: Record<Weekday, -1 | 1> = { 0: 1, 1: 1, 2: -1, 3: -1, 4: 1, 5: -1, 6: -1 };

export function nationalDayAdjacent(year: number): IsoDate {
  const sep2 = isoDate(year, 9, 2);
  return shiftDays(sep2, ADJACENT_SHIFT[weekdayOf(sep2)]);
}

function fixed(year: number, month: number, day: number, occasion: Occasion): StatutoryDay {
  return { date: isoDate(year, month, day), occasion, nameKey: occasion, nameVars: {} };
}
