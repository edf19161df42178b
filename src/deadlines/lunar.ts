/**
 * Vietnamese lunisolar calendar after Hồ Ngọc Đức's published algorithm ("Âm lịch Việt Nam"):
 * new moons and solar terms from Jean Meeus' "Astronomical Algorithms" approximations,
 * evaluated at UTC+7. The time zone matters: Viet Nam and China share the rules but not the
 * meridian, so some years start on different days (Tết 1985, 2007).
 *
 * Days are Julian Day Numbers (integers) internally; the public functions speak Gregorian dates.
 */

import { type IsoDate, isoDate, parts } from './iso-date.ts';

export const VIETNAM_TIME_ZONE_HOURS = 7;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  leap: boolean;
}

export class LunarDateError extends Error {
  override name = 'LunarDateError';
}

const { floor, sin, PI } = Math;

/** Mean synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the epoch the algorithm counts lunations from. */
const EPOCH_NEW_MOON = 2415021.076998695;

export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  // Before the Gregorian reform the Julian calendar applies.
  if (jd < 2299161) jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  return jd;
}

export function jdToDate(jd: number): [day: number, month: number, year: number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  const day = e - floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * floor(m / 10);
  const year = b * 100 + d - 4800 + floor(m / 10);
  return [day, month, year];
}

/** Julian day (fractional, UT) of the k-th new moon after the 1900 epoch. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  c1 = c1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  c1 -= 0.0004 * sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Apparent solar longitude in radians, [0, 2π), at Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.00029 * sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= PI * 2 * floor(L / (PI * 2));
  return L;
}

/** Which of the 12 major solar terms (0..11, 30° each) the local day starts in. */
function sunSector(dayNumber: number, tz: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

/** Local Julian Day Number of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return floor(newMoon(k) + 0.5 + tz / 24);
}

/** Start of the 11th lunar month (the one containing the winter solstice) of Gregorian year yy. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  // A new moon after the solstice term (sector ≥ 9) belongs to month 12: step back one lunation.
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year, the offset (from month 11) of the first month without a major solar term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = floor((a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(date: IsoDate, tz: number = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const [yy, mm, dd] = parts(date);
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = floor((dayNumber - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/** Gregorian date of a lunar date; throws `LunarDateError` for a leap month the year does not have. */
export function lunarToSolar(lunar: LunarDate, tz: number = VIETNAM_TIME_ZONE_HOURS): IsoDate {
  const { day, month, year, leap } = lunar;
  if (!Number.isInteger(day) || day < 1 || day > 30 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new LunarDateError(`invalid lunar date ${day}/${month}/${year}`);
  }
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = floor(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new LunarDateError(`lunar year ${year} has no leap month ${month}`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new LunarDateError(`lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, tz);
  const [d, m, y] = jdToDate(monthStart + day - 1);
  const solar = isoDate(y, m, d);
  // Day 30 of a 29-day month would silently land on the next month: refuse it instead.
  const back = solarToLunar(solar, tz);
  if (back.day !== day || back.month !== month || back.leap !== leap) {
    throw new LunarDateError(`lunar month ${month}/${year} has no day ${day}`);
  }
  return solar;
}

/** First day of the lunar year that begins in Gregorian `year` (mùng 1 Tết). */
export function lunarNewYear(year: number, tz: number = VIETNAM_TIME_ZONE_HOURS): IsoDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, tz);
}
