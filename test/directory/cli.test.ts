import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'congboc.js');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'directory', ...args]);
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

describe('congboc directory (child process)', () => {
  it('match prints the one commune of an unambiguous text', async () => {
    const r = await cli('match', 'phuong ba dinh');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ code: '00004', name: 'Phường Ba Đình', province: 'Thành phố Hà Nội', score: 1 }]);
  });

  it('match prints every unit sharing a name, best first', async () => {
    const list = JSON.parse((await cli('match', 'xa tan hoa')).out) as { code: string; name: string; score: number }[];
    expect(list.map((c) => c.code).sort()).toEqual(['25531', '28702', '29371', '31342']);
    expect(new Set(list.map((c) => c.name))).toEqual(new Set(['Xã Tân Hòa']));
    const scores = list.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('match names the old unit in merged_from', async () => {
    const list = JSON.parse((await cli('match', 'xã Hoàng Su Phì, Hà Giang')).out);
    expect(list).toEqual([
      { code: '01021', name: 'Xã Hoàng Su Phì', province: 'Tỉnh Tuyên Quang', score: 1, merged_from: 'Tỉnh Hà Giang' },
    ]);
    const reclassified = JSON.parse((await cli('match', 'xa long thanh dong nai')).out);
    expect(reclassified[0]).toMatchObject({ code: '26368', name: 'Phường Long Thành', merged_from: 'Xã Long Thành' });
  });

  it('match prints [] when nothing is recognised, and takes --province', async () => {
    expect(JSON.parse((await cli('match', 'không biết nữa')).out)).toEqual([]);
    const pref = JSON.parse((await cli('match', 'Tân Hòa', '--province', '92')).out);
    expect(pref[0].code).toBe('31342');
    expect((await cli('match', 'Tân Hòa', '--province', '02')).code).toBe(2);
  });

  it('show prints a commune or a province; unknown code exits 1', async () => {
    expect(JSON.parse((await cli('show', '26732')).out)).toEqual({
      code: '26732',
      name: 'Đặc khu Côn Đảo',
      kind: 'dac_khu',
      province: 'Thành phố Hồ Chí Minh',
      province_code: '79',
    });
    expect(JSON.parse((await cli('show', '12')).out)).toMatchObject({ name: 'Tỉnh Lai Châu', communes: 38 });
    expect((await cli('show', '12345')).code).toBe(1);
  });

  it('provinces lists the 34 provinces; a missing subcommand exits 2', async () => {
    const list = JSON.parse((await cli('provinces')).out) as { communes: number }[];
    expect(list).toHaveLength(34);
    expect(list.reduce((n, p) => n + p.communes, 0)).toBe(3321);
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: congboc directory');
  });
});
