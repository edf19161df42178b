import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type IsoDate, isIsoDate, toDayNumber, weekdayOf } from './iso-date.ts';

/**
 * The yearly official decisions (which days are off, which Saturdays are worked) are data,
 * not code: the Prime Minister fixes the Tết and Quốc khánh days each year (BLLĐ 2019
 * Điều 112 khoản 3) and a change must be an operator's edit. Files live in
 * data/holidays/: `adjustments.json` ships with the project, any other `*.json` there is an
 * operator's addition, read after it in name order, so a later file wins on the same date;
 * the file named by HOLIDAYS_FILE is read last of all.
 *
 * A worked Saturday is only ever entered together with the weekday it pays for (`swap`): the
 * 2026 data once held the day off without its make-up Saturday, and every limit spanning it
 * ended a working day late.
 */

export const OCCASIONS = [
  'new_year',
  'tet',
  'hung_kings',
  'reunification',
  'labour',
  'national_day',
  'vietnam_culture_day',
] as const;
export type Occasion = (typeof OCCASIONS)[number];

export const OPTIONAL_HOLIDAY_KEYS = ['vietnam_culture_day'] as const;
export type OptionalHolidayKey = (typeof OPTIONAL_HOLIDAY_KEYS)[number];

const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').transform((s) => s as IsoDate);
const source = z.string().trim().min(3, 'name the source of every entry');
const localName = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** What a day off is for: one of the statutory occasions, or an operator-named one-off. */
const about = {
  occasion: z.enum(OCCASIONS).optional(),
  name: localName.optional(),
  source,
  uncertain: z.boolean(),
  note: z.string().optional(),
};

const offBlock = z.object({ type: z.literal('off_block'), from: isoDate, to: isoDate, ...about }).strict();
const dayOff = z
  .object({ type: z.literal('day_off'), date: isoDate, kind: z.enum(['compensatory', 'special']), ...about })
  .strict();
const workingDay = z.object({ type: z.literal('working_day'), date: isoDate, ...about }).strict();
const swap = z.object({ type: z.literal('swap'), dayOff: isoDate, workedOn: isoDate, ...about }).strict();

const isWeekendDate = (d: IsoDate) => weekdayOf(d) === 0 || weekdayOf(d) === 6;

export const adjustmentSchema = z
  .discriminatedUnion('type', [offBlock, dayOff, workingDay, swap])
  .superRefine((a, ctx) => {
    if ((a.occasion === undefined) === (a.name === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either "occasion" or "name" (vi and en), not both' });
    }
    if (a.type === 'off_block' && toDayNumber(a.from) > toDayNumber(a.to)) {
      ctx.addIssue({ code: 'custom', message: '"from" must not be after "to"' });
    }
    if (a.type === 'working_day' && isWeekendDate(a.date)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a worked Saturday or Sunday is entered with the day it pays for: use {"type": "swap", "dayOff", "workedOn"}',
      });
    }
    if (a.type === 'swap' && (isWeekendDate(a.dayOff) || !isWeekendDate(a.workedOn))) {
      ctx.addIssue({ code: 'custom', message: 'a swap gives a weekday off ("dayOff") for a Saturday or Sunday worked ("workedOn")' });
    }
  });
export type Adjustment = z.infer<typeof adjustmentSchema>;
export type OffBlock = Extract<Adjustment, { type: 'off_block' }>;
export type DayOffAdjustment = Extract<Adjustment, { type: 'day_off' }>;
export type WorkingDayAdjustment = Extract<Adjustment, { type: 'working_day' }>;
export type SwapAdjustment = Extract<Adjustment, { type: 'swap' }>;

/** That a year's official schedule (Tết, Quốc khánh, swaps) has been entered, and from which notices. */
const schedule = z.object({ source, uncertain: z.boolean(), note: z.string().optional() }).strict();
export type YearSchedule = z.infer<typeof schedule>;

const optionalHoliday = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  fromYear: z.number().int().min(1900),
  enabled: z.boolean(),
  source,
  uncertain: z.boolean(),
  note: z.string().optional(),
});
export type OptionalHoliday = z.infer<typeof optionalHoliday>;

const fileSchema = z
  .object({
    $comment: z.unknown().optional(),
    optionalHolidays: z.partialRecord(z.enum(OPTIONAL_HOLIDAY_KEYS), optionalHoliday.partial()).optional(),
    schedules: z.record(z.string().regex(/^\d{4}$/), schedule).optional(),
    years: z.record(z.string().regex(/^\d{4}$/), z.array(adjustmentSchema)).optional(),
  })
  .strict();
type AdjustmentFile = z.infer<typeof fileSchema>;

export interface CalendarData {
  optionalHolidays: Partial<Record<OptionalHolidayKey, OptionalHoliday>>;
  /** Adjustments per Gregorian year, in file order (later entries win). */
  years: ReadonlyMap<number, readonly Adjustment[]>;
  /** Years whose official schedule has been entered (a later file's entry replaces an earlier one). */
  schedules: ReadonlyMap<number, YearSchedule>;
}

export class CalendarDataError extends Error {
  override name = 'CalendarDataError';
}

export const HOLIDAYS_DIR = join(import.meta.dirname, '..', '..', 'data', 'holidays');
const SHIPPED_FILE = 'adjustments.json';

/**
 * Reads every `*.json` of `dir`, `adjustments.json` first, then the others in name order, then
 * `operatorFile` (the HOLIDAYS_FILE of the deployment) when given.
 */
export function loadCalendarData(dir: string = HOLIDAYS_DIR, operatorFile?: string): CalendarData {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === SHIPPED_FILE ? -1 : b === SHIPPED_FILE ? 1 : a.localeCompare(b)))
    .map((f) => join(dir, f));
  if (operatorFile) files.push(operatorFile);
  return mergeCalendarData(files.map((f) => ({ label: f, json: readJson(f) })));
}

/** Validates and merges already-parsed files (tests and operators' tools use this directly). */
export function mergeCalendarData(files: readonly { label: string; json: unknown }[]): CalendarData {
  const optional: Partial<Record<OptionalHolidayKey, Partial<OptionalHoliday>>> = {};
  const years = new Map<number, Adjustment[]>();
  const schedules = new Map<number, YearSchedule>();
  for (const { label, json } of files) {
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new CalendarDataError(describe(label, parsed.error));
    const file: AdjustmentFile = parsed.data;
    for (const [key, value] of Object.entries(file.optionalHolidays ?? {})) {
      const k = key as OptionalHolidayKey;
      optional[k] = { ...optional[k], ...value };
    }
    for (const [year, value] of Object.entries(file.schedules ?? {})) schedules.set(Number(year), value);
    for (const [year, entries] of Object.entries(file.years ?? {})) {
      for (const entry of entries) {
        const y = Number(year);
        // A swap is filed under the year of its day off; its worked day may fall in the next or previous year.
        const dates = entry.type === 'off_block' ? [entry.from, entry.to] : entry.type === 'swap' ? [entry.dayOff] : [entry.date];
        if (dates.some((d) => Number(d.slice(0, 4)) !== y)) {
          throw new CalendarDataError(`${label}: an entry under "${year}" has a date in another year`);
        }
        years.set(y, [...(years.get(y) ?? []), entry]);
      }
    }
  }
  const optionalHolidays: Partial<Record<OptionalHolidayKey, OptionalHoliday>> = {};
  for (const [key, value] of Object.entries(optional)) {
    const full = optionalHoliday.safeParse(value);
    if (!full.success) throw new CalendarDataError(describe(`optional holiday "${key}"`, full.error));
    optionalHolidays[key as OptionalHolidayKey] = full.data;
  }
  return { optionalHolidays, years, schedules };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CalendarDataError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function describe(label: string, error: z.ZodError): string {
  return `${label}: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}
