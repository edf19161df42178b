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
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-12-07', uncertain: true, limit: { days: 10 } });
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
