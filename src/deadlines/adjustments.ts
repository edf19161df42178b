import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type IsoDate, isIsoDate, toDayNumber } from './iso-date.ts';

/**
 * The yearly official decisions (which days are off, which Saturdays are worked) are data,
 * not code: the Prime Minister fixes the Tết and Quốc khánh days each year (BLLĐ 2019
 * Điều 112 khoản 3) and a change must be an operator's edit. Files live in
 * data/holidays/: `adjustments.json` ships with the project, any other `*.json` there is an
 * operator's addition, read after it in name order, so a later file wins on the same date.
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
  .object({ type: z.literal('day_off'), date: isoDate, kind: z.enum(['bridge', 'compensatory', 'special']), ...about })
  .strict();
const workingDay = z.object({ type: z.literal('working_day'), date: isoDate, ...about }).strict();

export const adjustmentSchema = z
  .discriminatedUnion('type', [offBlock, dayOff, workingDay])
  .superRefine((a, ctx) => {
    if ((a.occasion === undefined) === (a.name === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either "occasion" or "name" (vi and en), not both' });
    }
    if (a.type === 'off_block' && toDayNumber(a.from) > toDayNumber(a.to)) {
      ctx.addIssue({ code: 'custom', message: '"from" must not be after "to"' });
    }
  });
export type Adjustment = z.infer<typeof adjustmentSchema>;
export type OffBlock = Extract<Adjustment, { type: 'off_block' }>;
export type DayOffAdjustment = Extract<Adjustment, { type: 'day_off' }>;
export type WorkingDayAdjustment = Extract<Adjustment, { type: 'working_day' }>;

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
    years: z.record(z.string().regex(/^\d{4}$/), z.array(adjustmentSchema)).optional(),
  })
  .strict();
type AdjustmentFile = z.infer<typeof fileSchema>;

export interface CalendarData {
  optionalHolidays: Partial<Record<OptionalHolidayKey, OptionalHoliday>>;
  /** Adjustments per Gregorian year, in file order (later entries win). */
  years: ReadonlyMap<number, readonly Adjustment[]>;
}

export class CalendarDataError extends Error {
  override name = 'CalendarDataError';
}

export const HOLIDAYS_DIR = join(import.meta.dirname, '..', '..', 'data', 'holidays');
const SHIPPED_FILE = 'adjustments.json';

/** Reads every `*.json` of `dir`, `adjustments.json` first, then the others in name order. */
export function loadCalendarData(dir: string = HOLIDAYS_DIR): CalendarData {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === SHIPPED_FILE ? -1 : b === SHIPPED_FILE ? 1 : a.localeCompare(b)));
  return mergeCalendarData(files.map((f) => ({ label: join(dir, f), json: readJson(join(dir, f)) })));
}

/** Validates and merges already-parsed files (tests and operators' tools use this directly). */
export function mergeCalendarData(files: readonly { label: string; json: unknown }[]): CalendarData {
  const optional: Partial<Record<OptionalHolidayKey, Partial<OptionalHoliday>>> = {};
  const years = new Map<number, Adjustment[]>();
  for (const { label, json } of files) {
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new CalendarDataError(describe(label, parsed.error));
    const file: AdjustmentFile = parsed.data;
    for (const [key, value] of Object.entries(file.optionalHolidays ?? {})) {
      const k = key as OptionalHolidayKey;
      optional[k] = { ...optional[k], ...value };
    }
    for (const [year, entries] of Object.entries(file.years ?? {})) {
      for (const entry of entries) {
        const y = Number(year);
        const dates = entry.type === 'off_block' ? [entry.from, entry.to] : [entry.date];
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
  return { optionalHolidays, years };
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
