import {
  addWorkingDays,
  CalendarRangeError,
  CASE_TYPES,
  dueDate,
  FIRST_SUPPORTED_YEAR,
  holidaysOf,
  isCaseType,
  isIsoDate,
  type IsoDate,
  LAST_SUPPORTED_YEAR,
  makeupWorkingDaysOf,
  type Unconfirmed,
  unconfirmedCalendar,
  workingDaysBetween,
} from '../../deadlines/index.ts';
import { isLocale, type Locale, t } from '../../i18n/index.ts';

/**
 * `congboc calendar add|between|holidays|due`. `add` and `between` print a bare value (one
 * line) so scripts can use it directly; `holidays --json` and `due` print JSON.
 */

export const summary = t('en', 'deadlines.cli.summary');

class UsageError extends Error {}

export async function run(args: string[]): Promise<number> {
  // Negative counts ("add 2026-03-02 -3") would look like options to util.parseArgs: read
  // the two options by hand and keep everything else positional.
  const positionals: string[] = [];
  let json = false;
  let lang: string = 'en';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--lang') lang = args[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else positionals.push(a);
  }
  const locale: Locale = isLocale(lang) ? lang : 'en';
  const [action, ...rest] = positionals;
  try {
    switch (action) {
      case 'add': {
        const [date, n] = exactly(rest, 2);
        out(addWorkingDays(dateArg(date, locale), intArg(n, locale)));
        return 0;
      }
      case 'between': {
        const [a, b] = exactly(rest, 2);
        out(String(workingDaysBetween(dateArg(a, locale), dateArg(b, locale))));
        return 0;
      }
      case 'holidays': {
        const [y] = exactly(rest, 1);
        const year = yearArg(y, locale);
        const rows = [
          ...holidaysOf(year).map((h) => ({
            date: h.date,
            name: h.name[locale],
            kind: h.kind as string,
            uncertain: h.uncertain,
            source: h.source,
          })),
          ...makeupWorkingDaysOf(year).map((m) => ({
            date: m.date,
            name: m.name[locale],
            kind: 'working_day',
            uncertain: m.uncertain,
            source: m.source,
          })),
        ].sort((p, q) => p.date.localeCompare(q.date));
        if (json) {
          out(JSON.stringify(rows, null, 2));
        } else {
          for (const r of rows) {
            const mark = r.uncertain ? ` (${t(locale, 'deadlines.cli.uncertain_marker')})` : '';
            out(`${r.date}\t${r.name}\t${t(locale, `deadlines.kind.${r.kind}`)}${mark}`);
          }
        }
        return 0;
      }
      case 'check': {
        const [y] = exactly(rest, 1);
        const year = yearArg(y, locale);
        const items = unconfirmedCalendar(year);
        if (json) out(JSON.stringify({ year, confirmed: items.length === 0, unconfirmed: items }, null, 2));
        else if (items.length === 0) out(t(locale, 'deadlines.check.all_confirmed', { year }));
        else for (const item of items) out(describeUnconfirmed(item, locale));
        // Non-zero so a yearly maintenance script or CI step can stop on an unconfirmed year.
        return items.length === 0 ? 0 : 1;
      }
      case 'due': {
        const [caseType, instant] = exactly(rest, 2);
        if (!isCaseType(caseType)) {
          throw new UsageError(t(locale, 'deadlines.cli.bad_case_type', { value: caseType, types: CASE_TYPES.join(', ') }));
        }
        const at = new Date(instant);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(at.getTime())) {
          throw new UsageError(t(locale, 'deadlines.cli.bad_instant', { value: instant }));
        }
        out(JSON.stringify(dueDate(caseType, at), null, 2));
        return 0;
      }
      default:
        process.stderr.write(`${t(locale, 'deadlines.cli.usage')}\n`);
        return 2;
    }
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof CalendarRangeError)) throw err;
    process.stderr.write(`${err.message ? `${err.message}\n` : ''}${t(locale, 'deadlines.cli.usage')}\n`);
    return 2;
  }
}

/** One line per unconfirmed item, in the operator's language (also used by the start-up log). */
export function describeUnconfirmed(item: Unconfirmed, locale: Locale): string {
  switch (item.kind) {
    case 'no_schedule':
      return t(locale, 'deadlines.check.no_schedule', { year: item.year });
    case 'schedule_uncertain':
      return t(locale, 'deadlines.check.schedule_uncertain', { year: item.year, source: item.source });
    case 'entry_uncertain':
      return t(locale, 'deadlines.check.entry_uncertain', { dates: item.dates.join(' → '), source: item.source });
    case 'day_off_without_makeup':
      return t(locale, 'deadlines.check.day_off_without_makeup', { date: item.date, source: item.source });
  }
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function exactly(args: string[], n: 1): [string];
function exactly(args: string[], n: 2): [string, string];
function exactly(args: string[], n: number): string[] {
  if (args.length !== n) throw new UsageError('');
  return args;
}

function dateArg(value: string | undefined, locale: Locale): IsoDate {
  if (!isIsoDate(value)) throw new UsageError(t(locale, 'deadlines.cli.bad_date', { value: String(value) }));
  return value;
}

function intArg(value: string | undefined, locale: Locale): number {
  if (value === undefined || !/^-?\d+$/.test(value)) {
    throw new UsageError(t(locale, 'deadlines.cli.bad_number', { value: String(value) }));
  }
  return Number(value);
}

function yearArg(value: string | undefined, locale: Locale): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value ?? '') || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new UsageError(t(locale, 'deadlines.cli.bad_year', { value: String(value) }));
  }
  return year;
}
