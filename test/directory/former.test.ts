import { describe, expect, it } from 'vitest';
import { matchPlace, parseProvinceCode } from '../../src/directory/index.ts';

const names = (m: ReturnType<typeof matchPlace>) =>
  'candidates' in m ? m.candidates.map((c) => `${c.commune.name}, ${c.commune.provinceName}`) : [];

describe('former communes and districts (before 1 July 2025)', () => {
  it('maps an old commune named with its old district to the new units it was split into', () => {
    const m = matchPlace('xa Tan Lap huyen Dan Phuong');
    expect(m.kind).toBe('merged');
    expect(m.kind === 'merged' && m.oldName).toBe('Xã Tân Lập (huyện Đan Phượng cũ)');
    expect(names(m)).toEqual(['Xã Ô Diên, Thành phố Hà Nội', 'Xã Hoài Đức, Thành phố Hà Nội']);
  });

  it('looks in the province the channel serves before the communes of that name today elsewhere', () => {
    expect(matchPlace('xã Tân Lập').kind).toBe('ambiguous');
    const onHanoiPage = matchPlace('xã Tân Lập', { preferProvince: parseProvinceCode('01')! });
    expect(onHanoiPage.kind === 'merged' && onHanoiPage.oldName).toBe('Xã Tân Lập (huyện Đan Phượng cũ)');
    expect(matchPlace('xã Tân Lập, Hà Nội').kind).toBe('merged');
  });

  it('lists where an old district went', () => {
    const m = matchPlace('huyện Đan Phượng');
    expect(m.kind).toBe('abolished');
    expect(names(m)).toContain('Xã Đan Phượng, Thành phố Hà Nội');
    expect(names(m)).toHaveLength(6);
  });

  it('does not read a province into the name of an old ward ("phường Điện Biên, quận Ba Đình")', () => {
    const m = matchPlace('phường Điện Biên, quận Ba Đình');
    expect(m.kind === 'merged' && m.oldName).toBe('Phường Điện Biên (quận Ba Đình cũ)');
    expect(names(m)[0]).toBe('Phường Ba Đình, Thành phố Hà Nội');
  });

  it('keeps today’s unit when the old one went to a unit of the same name', () => {
    expect(matchPlace('phường Bến Thành quận 1 tp hcm')).toMatchObject({ kind: 'unique' });
    expect(matchPlace('phường Ba Đình, Hà Nội')).toMatchObject({ kind: 'unique' });
  });

  it('never turns a word of a complaint into a commune far away ("thu tien" is not Xã Thiệu Tiến)', () => {
    expect(matchPlace('cán bộ thu tien lam so do khong co bien lai', { preferProvince: parseProvinceCode('15')! }).kind).toBe('none');
  });
});
