import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import {
  apologyDraftDate,
  CASE_TYPES,
  createDeadlines,
  dueDate,
  mergeTimeLimits,
  parseIsoDate,
  reminderDate,
  TimeLimitDataError,
  timeLimitFor,
  toIsoDate,
} from '../../src/deadlines/index.ts';

const d = parseIsoDate;
const DATA = join(import.meta.dirname, '..', '..', 'data');

function overrideDirs(holidayFiles: Record<string, unknown>, limitFiles: Record<string, unknown>) {
  const holidays = mkdtempSync(join(tmpdir(), 'congboc-h-'));
  const timeLimits = mkdtempSync(join(tmpdir(), 'congboc-t-'));
  copyFileSync(join(DATA, 'holidays', 'adjustments.json'), join(holidays, 'adjustments.json'));
  copyFileSync(join(DATA, 'deadlines', 'time-limits.json'), join(timeLimits, 'time-limits.json'));
  for (const [n, j] of Object.entries(holidayFiles)) writeFileSync(join(holidays, n), JSON.stringify(j));
  for (const [n, j] of Object.entries(limitFiles)) writeFileSync(join(timeLimits, n), JSON.stringify(j));
  return { holidays, timeLimits };
}

describe('time-limit table', () => {
  it('has every case type with a number, a unit, a legal basis and a display name in both languages', () => {
    for (const caseType of CASE_TYPES) {
      const limit = timeLimitFor(caseType);
      expect(limit.caseType).toBe(caseType);
      expect(limit.days).toBeGreaterThan(0);
      expect(['working', 'calendar']).toContain(limit.unit);
      expect(limit.basis).toMatch(/Điều \d+/);
      expect(t('vi', `deadlines.case_type.${caseType}`)).not.toBe(t('en', `deadlines.case_type.${caseType}`));
    }
  });

  it('carries the numbers and the uncertainty of DOMAIN.md §3', () => {
    expect(timeLimitFor('chuyen_co_quan_tham_quyen')).toMatchObject({ days: 5, unit: 'working', uncertain: false });
    expect(timeLimitFor('phan_anh_kien_nghi')).toMatchObject({ days: 10, unit: 'working', uncertain: true });
    // DOMAIN.md §10: sure (Luật Tố cáo Điều 24.1 and 24.2; NĐ 155/2026 for complaint acceptance).
    expect(timeLimitFor('to_cao_xu_ly_ban_dau')).toMatchObject({ days: 7, unit: 'working', uncertain: false });
    expect(timeLimitFor('to_cao_chuyen')).toMatchObject({ days: 5, unit: 'working' });
    expect(timeLimitFor('to_cao_giai_quyet')).toMatchObject({ days: 30, unit: 'calendar', startsFrom: 'acceptance' });
    expect(timeLimitFor('khieu_nai_thu_ly')).toMatchObject({ days: 7, unit: 'working', startsFrom: 'receipt', uncertain: false });
    expect(timeLimitFor('khieu_nai_lan_dau')).toMatchObject({ days: 30, unit: 'calendar' });
    expect(timeLimitFor('khieu_nai_lan_dau_vung_sau_phuc_tap').days).toBe(60);
    expect(timeLimitFor('khieu_nai_lan_hai').days).toBe(45);
    expect(timeLimitFor('khieu_nai_lan_hai_vung_sau_phuc_tap').days).toBe(70);
    // Luật 136/2025 amended the complaint and denunciation laws from 01/7/2026: unconfirmed numbers.
    const confirmed = ['khieu_nai_thu_ly', 'to_cao_xu_ly_ban_dau', 'to_cao_chuyen'];
    for (const c of CASE_TYPES.filter((x) => (x.startsWith('khieu_nai') || x.startsWith('to_cao')) && !confirmed.includes(x))) {
      expect(timeLimitFor(c).uncertain).toBe(true);
    }
  });
});

describe('dueDate', () => {
  it('counts working days from the day after receipt, in Viet Nam time', () => {
    const monday = new Date('2026-11-23T09:00:00+07:00');
    const r = dueDate('phan_anh_kien_nghi', monday);
    // 25–27/11, 30/11, 1–4/12, 7–8/12 (24/11 is Ngày Văn hóa Việt Nam, a day off from 2026).
    expect(r.due).toBe('2026-12-08');
    expect(r.startsOn).toBe('2026-11-23');
    expect(r.uncertain).toBe(true);
    expect(r.basis).toContain('Điều 28');
    // 23:30 UTC on Sunday is 06:30 on Monday in Viet Nam.
    expect(toIsoDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(dueDate('phan_anh_kien_nghi', new Date('2026-11-22T23:30:00Z')).due).toBe('2026-12-08');
  });

  it('treats a case received on a day off as received on the next working day', () => {
    const saturday = new Date('2026-11-21T10:00:00+07:00');
    expect(dueDate('phan_anh_kien_nghi', saturday)).toMatchObject({ startsOn: '2026-11-23', due: '2026-12-08' });
    // Received during Tết 2026: counting starts on Monday 23/2.
    const tet = new Date('2026-02-18T10:00:00+07:00');
    expect(dueDate('chuyen_co_quan_tham_quyen', tet)).toMatchObject({ startsOn: '2026-02-23', due: '2026-03-02' });
  });

  it('ends a calendar-day period that falls on a day off on the next working day', () => {
    const r = dueDate('khieu_nai_thu_ly', new Date('2026-02-10T09:00:00+07:00'));
    expect(r.startsOn).toBe('2026-02-10');
    expect(r.due).toBe('2026-02-23'); // 20/2 is inside the Tết break
    expect(dueDate('khieu_nai_lan_dau', new Date('2026-11-23T09:00:00+07:00')).due).toBe('2026-12-23');
  });

  it('follows operator overrides: an office-hours cut-off, a changed limit, Ngày Văn hóa enabled', () => {
    const dirs = overrideDirs(
      { 'local.json': { optionalHolidays: { vietnam_culture_day: { enabled: true } } } },
      {
        'commune.json': {
          counting: { afterHoursCutoff: '17:00' },
          limits: { gop_y_chung: { days: 5, basis: 'Quy chế của xã, Điều 3' } },
        },
      },
    );
    const dl = createDeadlines(dirs);
    expect(dl.timeLimitFor('gop_y_chung')).toMatchObject({ days: 5, unit: 'working', basis: 'Quy chế của xã, Điều 3' });
    // Before the cut-off: counted from Monday 23/11; 24/11 is now a holiday.
    expect(dl.dueDate('phan_anh_kien_nghi', new Date('2026-11-23T16:59:00+07:00')).due).toBe('2026-12-08');
    // After it: deemed received on the next working day, Wednesday 25/11.
    const late = dl.dueDate('phan_anh_kien_nghi', new Date('2026-11-23T17:00:00+07:00'));
    expect(late.startsOn).toBe('2026-11-25');
    expect(late.due).toBe('2026-12-09');
  });

  it('rejects a broken override naming the field', () => {
    expect(() =>
      mergeTimeLimits([
        { label: 'base', json: JSON.parse(JSON.stringify({ limits: { gop_y_chung: { days: 0 } } })) },
      ]),
    ).toThrow(TimeLimitDataError);
    expect(() => mergeTimeLimits([{ label: 'x', json: { limits: { unknown_type: { days: 3 } } } }])).toThrow(
      TimeLimitDataError,
    );
  });
});

describe('reminders', () => {
  it('goes back over weekends and Tết', () => {
    expect(reminderDate(d('2026-02-24'), 1)).toBe('2026-02-23');
    expect(reminderDate(d('2026-02-23'), 1)).toBe('2026-02-13');
    expect(reminderDate(d('2026-12-07'), 3)).toBe('2026-12-02');
    expect(reminderDate(d('2026-12-07'), 0)).toBe('2026-12-07');
    expect(() => reminderDate(d('2026-12-07'), -1)).toThrow(RangeError);
  });

  it('drafts the apology one working day before the due date by default', () => {
    expect(apologyDraftDate(d('2026-02-23'))).toBe('2026-02-13');
    expect(apologyDraftDate(d('2026-12-07'))).toBe('2026-12-04');
  });
});
