import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { WorkingCalendar } from './calendar.ts';
import { type IsoDate, isIsoDate, shiftDays, toIsoDate, vietnamMinuteOfDay, type WorkingDate } from './iso-date.ts';

/**
 * The time limits of DOMAIN.md §3 as data (data/deadlines/*.json), so a change in law is an
 * edit of a file, with the citation beside each number.
 */

export const CASE_TYPES = [
  'phan_anh_kien_nghi',
  'chuyen_co_quan_tham_quyen',
  'tre_han_tthc',
  'gop_y_chung',
  'hoi_dap',
  'khieu_nai_thu_ly',
  'khieu_nai_lan_dau',
  'khieu_nai_lan_dau_phuc_tap',
  'khieu_nai_lan_dau_vung_sau',
  'khieu_nai_lan_dau_vung_sau_phuc_tap',
  'khieu_nai_lan_hai',
  'khieu_nai_lan_hai_phuc_tap',
  'khieu_nai_lan_hai_vung_sau',
  'khieu_nai_lan_hai_vung_sau_phuc_tap',
  'to_cao_xu_ly_ban_dau',
  'to_cao_chuyen',
  'to_cao_giai_quyet',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export function isCaseType(value: unknown): value is CaseType {
  return typeof value === 'string' && (CASE_TYPES as readonly string[]).includes(value);
}

const rule = {
  days: z.number().int().min(1).max(366),
  unit: z.enum(['working', 'calendar']),
  basis: z.string().trim().min(3),
  uncertain: z.boolean(),
};

/** The rule a newer text replaced, for cases received up to and including `until`. */
const earlierRule = z.object({ until: z.string().refine(isIsoDate, 'must be YYYY-MM-DD'), ...rule }).strict();

const limitSchema = z.object({
  ...rule,
  startsFrom: z.enum(['receipt', 'acceptance']),
  note: z.string().optional(),
  earlier: z.array(earlierRule).optional(),
});

export interface TimeLimit extends z.infer<typeof limitSchema> {
  caseType: CaseType;
}

const cutoff = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
  .nullable();

const counting = z.object({
  afterHoursCutoff: cutoff,
  source: z.string().min(3),
  uncertain: z.boolean(),
  note: z.string().optional(),
});

const lead = z.object({
  value: z.number().int().min(0).max(30),
  source: z.string().min(3),
  uncertain: z.boolean(),
});

const fileSchema = z
  .object({
    $comment: z.unknown().optional(),
    counting: counting.partial().optional(),
    apologyLeadWorkingDays: lead.partial().optional(),
    limits: z.partialRecord(z.enum(CASE_TYPES), limitSchema.partial()).optional(),
  })
  .strict();

export interface TimeLimitTable {
  counting: z.infer<typeof counting>;
  apologyLeadWorkingDays: z.infer<typeof lead>;
  limits: Readonly<Record<CaseType, TimeLimit>>;
}

export class TimeLimitDataError extends Error {
  override name = 'TimeLimitDataError';
}

export const TIME_LIMITS_DIR = join(import.meta.dirname, '..', '..', 'data', 'deadlines');
const SHIPPED_FILE = 'time-limits.json';
/** The case kinds live beside the limits they name but are not an override of them (case-kinds.ts). */
const NOT_LIMITS = new Set(['case-kinds.json']);

/** `time-limits.json` first, then any operator file of the folder in name order (later wins per key). */
export function loadTimeLimits(dir: string = TIME_LIMITS_DIR): TimeLimitTable {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !NOT_LIMITS.has(f))
    .sort((a, b) => (a === SHIPPED_FILE ? -1 : b === SHIPPED_FILE ? 1 : a.localeCompare(b)));
  return mergeTimeLimits(
    files.map((f) => {
      const path = join(dir, f);
      try {
        return { label: path, json: JSON.parse(readFileSync(path, 'utf8')) as unknown };
      } catch (err) {
        throw new TimeLimitDataError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
  );
}

export function mergeTimeLimits(files: readonly { label: string; json: unknown }[]): TimeLimitTable {
  let countingAcc: Record<string, unknown> = {};
  let leadAcc: Record<string, unknown> = {};
  const limitsAcc: Partial<Record<CaseType, Record<string, unknown>>> = {};
  for (const { label, json } of files) {
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new TimeLimitDataError(describe(label, parsed.error));
    countingAcc = { ...countingAcc, ...parsed.data.counting };
    leadAcc = { ...leadAcc, ...parsed.data.apologyLeadWorkingDays };
    for (const [k, v] of Object.entries(parsed.data.limits ?? {})) {
      limitsAcc[k as CaseType] = { ...limitsAcc[k as CaseType], ...v };
    }
  }
  const c = counting.safeParse(countingAcc);
  if (!c.success) throw new TimeLimitDataError(describe('counting', c.error));
  const l = lead.safeParse(leadAcc);
  if (!l.success) throw new TimeLimitDataError(describe('apologyLeadWorkingDays', l.error));
  const limits = {} as Record<CaseType, TimeLimit>;
  for (const caseType of CASE_TYPES) {
    const parsed = limitSchema.safeParse(limitsAcc[caseType] ?? {});
    if (!parsed.success) throw new TimeLimitDataError(describe(`limits.${caseType}`, parsed.error));
    limits[caseType] = { caseType, ...parsed.data };
  }
  return { counting: c.data, apologyLeadWorkingDays: l.data, limits };
}

export interface DueDate {
  due: WorkingDate;
  /** The day the period is counted from (its own day not counted). */
  startsOn: IsoDate;
  limit: TimeLimit;
  basis: string;
  uncertain: boolean;
}

export class Deadlines {
  readonly calendar: WorkingCalendar;
  readonly table: TimeLimitTable;

  constructor(calendar: WorkingCalendar, table: TimeLimitTable) {
    this.calendar = calendar;
    this.table = table;
  }

  /**
   * The limit of `caseType`; with `receivedOn`, the rule in force for a case received that
   * day (a complaint received on 30/6/2026 keeps the 10 calendar days of Luật Khiếu nại
   * Điều 27, one received on 1/7/2026 gets the 7 working days of NĐ 155/2026).
   */
  timeLimitFor(caseType: CaseType, receivedOn?: IsoDate): TimeLimit {
    const current = this.table.limits[caseType];
    if (receivedOn === undefined) return current;
    const older = (current.earlier ?? [])
      .filter((e) => receivedOn <= e.until)
      .sort((a, b) => a.until.localeCompare(b.until))[0];
    if (!older) return current;
    const { until: _until, ...rest } = older;
    return { ...current, ...rest };
  }

  /**
   * The due date of `caseType` for a case received (or, when the limit's `startsFrom` is
   * 'acceptance', formally accepted) at `receivedAt`. The start day itself is not counted.
   * Working-day limits start from the next working day when the case arrives on a day off or
   * after the configured cut-off; calendar-day limits that end on a day off end on the next
   * working day (Bộ luật Dân sự 2015 Điều 148), so `due` is always a day the office is open.
   */
  dueDate(caseType: CaseType, receivedAt: Date): DueDate {
    const day = toIsoDate(receivedAt);
    const limit = this.timeLimitFor(caseType, day);
    let startsOn: IsoDate;
    let due: WorkingDate;
    if (limit.unit === 'working') {
      const late = this.#afterHours(receivedAt);
      startsOn =
        this.calendar.isWorkingDay(day) && !late ? day : this.calendar.workingDayOnOrAfter(shiftDays(day, late ? 1 : 0));
      due = this.calendar.addWorkingDays(startsOn, limit.days);
    } else {
      startsOn = day;
      due = this.calendar.workingDayOnOrAfter(this.calendar.addCalendarDays(day, limit.days, { endOnDayOff: 'keep' }));
    }
    return { due, startsOn, limit, basis: limit.basis, uncertain: limit.uncertain };
  }

  /** The working day `workingDaysBefore` working days before `due` (a reminder or draft date). */
  reminderDate(due: IsoDate, workingDaysBefore: number): WorkingDate {
    if (!Number.isInteger(workingDaysBefore) || workingDaysBefore < 0) {
      throw new RangeError(`workingDaysBefore must be a whole number ≥ 0, got ${workingDaysBefore}`);
    }
    return this.calendar.addWorkingDays(this.calendar.workingDayOnOrAfter(due), -workingDaysBefore);
  }

  /** When to draft the apology for a procedure due on `due` (DOMAIN.md §2 product default). */
  apologyDraftDate(due: IsoDate): WorkingDate {
    return this.reminderDate(due, this.table.apologyLeadWorkingDays.value);
  }

  #afterHours(instant: Date): boolean {
    const cut = this.table.counting.afterHoursCutoff;
    if (cut === null) return false;
    const [h, m] = cut.split(':').map(Number) as [number, number];
    return vietnamMinuteOfDay(instant) >= h * 60 + m;
  }
}

function describe(label: string, error: z.ZodError): string {
  return `${label}: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
}
