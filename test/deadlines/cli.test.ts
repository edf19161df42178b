import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function congboc(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'congboc.js'), 'calendar', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('congboc calendar', () => {
  it('add prints the n-th working day after the date', () => {
    expect(congboc('add', '2026-02-10', '5')).toEqual({ code: 0, stdout: '2026-02-24\n', stderr: '' });
    expect(congboc('add', '2026-02-23', '-1').stdout).toBe('2026-02-13\n');
  });

  it('add gives the official answer across every 2024–2026 swap', () => {
    const official: [string, string, string][] = [
      // 2024: Monday 29/4 off, made up on Saturday 4/5 (1570/TB-LĐTBXH).
      ['2024-05-03', '1', '2024-05-04'],
      ['2024-04-26', '1', '2024-05-02'],
      // 2025: Friday 2/5 off, made up on Saturday 26/4 (6150/TB-LĐTBXH).
      ['2025-04-25', '1', '2025-04-26'],
      ['2025-04-29', '1', '2025-05-05'],
      // 2026: Friday 2/1 off, made up on Saturday 10/1 (12729/VPCP-KGVX).
      ['2026-01-09', '1', '2026-01-10'],
      ['2025-12-31', '1', '2026-01-05'],
      // 2026: Monday 31/8 off, made up on Saturday 22/8 (9441/TB-BNV).
      ['2026-08-21', '1', '2026-08-22'],
      ['2026-08-28', '1', '2026-09-03'],
      // 24/11/2026 (Nghị quyết 28/2026/QH16), no make-up day.
      ['2026-11-23', '1', '2026-11-25'],
    ];
    for (const [date, n, expected] of official) {
      expect(congboc('add', date, n), `add ${date} ${n}`).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
    }
  });

  it('check lists what a year lacks and exits 1, or says all is confirmed and exits 0', () => {
    expect(congboc('check', '2025')).toMatchObject({ code: 0, stdout: '2025: every adjustment is confirmed from an official text.\n' });
    const next = congboc('check', '2027', '--json');
    expect(next.code).toBe(1);
    const body = JSON.parse(next.stdout) as { confirmed: boolean; unconfirmed: { kind: string }[] };
    expect(body.confirmed).toBe(false);
    expect(body.unconfirmed[0]).toEqual({ kind: 'no_schedule', year: 2027 });
    expect(congboc('check', '2027', '--lang', 'vi').stdout).toContain('Năm 2027: chưa nhập lịch nghỉ chính thức');
  });

  it('between prints the number of working days', () => {
    expect(congboc('between', '2026-02-10', '2026-02-24')).toMatchObject({ code: 0, stdout: '5\n' });
  });

  it('holidays lists date, name and kind, and JSON with --json', () => {
    const text = congboc('holidays', '2024');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toContain('2024-04-29\tDay off in the official break: Reunification Day (30 April)\tswapped day off');
    expect(lines).toContain('2024-05-04\tMake-up working day for Reunification Day (30 April)\tmake-up working day');
    expect(lines[0]).toBe('2024-01-01\tNew Year\'s Day (1 January)\tstatutory holiday');

    const vi = congboc('holidays', '2026', '--lang', 'vi');
    expect(vi.stdout).toContain('2026-02-17\tTết Nguyên đán (mùng 1 tháng Giêng)\tngày lễ theo luật');

    const json = JSON.parse(congboc('holidays', '2026', '--json').stdout) as { date: string; kind: string }[];
    expect(json.filter((h) => h.date >= '2026-02-14' && h.date <= '2026-02-22').map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('due prints the due date as JSON', () => {
    const r = congboc('due', 'phan_anh_kien_nghi', '2026-11-23T09:00:00+07:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-12-08', uncertain: true, limit: { days: 10 } });
  });

  it('exits 2 with a reason on bad input', () => {
    const bad = congboc('add', '2026-02-30', '5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2026-02-30" is not a date written YYYY-MM-DD');
    expect(congboc('add', '2026-02-10').code).toBe(2);
    expect(congboc('holidays', '1999').code).toBe(2);
    expect(congboc('due', 'nope', '2026-11-23T09:00:00+07:00').stderr).toContain('is not a case type');
    expect(congboc().code).toBe(2);
  });
});
