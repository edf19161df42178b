import { describe, expect, it } from 'vitest';
import {
  communesOfProvince,
  directoryChanges,
  directoryEffective,
  formerProvinces,
  fold,
  getCommune,
  getProvince,
  listCommunes,
  listProvinces,
  matchPlace,
  parseCommuneCode,
  parseProvinceCode,
  type ProvinceCode,
} from '../../src/directory/index.ts';
import { editDistance, similarity } from '../../src/directory/similarity.ts';

describe('official lists', () => {
  it('loads the 2026 directory: 34 provinces, 3,321 communes (2,611 xã, 697 phường, 13 đặc khu)', () => {
    expect(directoryEffective()).toBe('2026-04-30');
    expect(listProvinces()).toHaveLength(34);
    const communes = listCommunes();
    expect(communes).toHaveLength(3321);
    const count = (k: string) => communes.filter((c) => c.kind === k).length;
    expect([count('xa'), count('phuong'), count('dac_khu')]).toEqual([2611, 697, 13]);
    expect(listProvinces().filter((p) => p.kind === 'thanh_pho').map((p) => p.short)).toEqual([
      'Hà Nội', 'Hải Phòng', 'Huế', 'Đà Nẵng', 'Đồng Nai', 'Hồ Chí Minh', 'Cần Thơ',
    ]);
  });

  it('looks units up by code, with the NSO 1027 code of Xã Ba Chẽ as an alias', () => {
    expect(getCommune('00004')).toMatchObject({ name: 'Phường Ba Đình', kind: 'phuong', provinceCode: '01', provinceName: 'Thành phố Hà Nội' });
    expect(getCommune('06970')?.name).toBe('Xã Ba Chẽ');
    expect(getCommune('99999')).toBeUndefined();
    expect(getProvince('79')?.name).toBe('Thành phố Hồ Chí Minh');
    expect(getProvince('02')).toBeUndefined(); // Hà Giang's old code
    expect(parseCommuneCode(' 26732 ')).toBe('26732');
    expect(parseProvinceCode('7')).toBeUndefined();
  });

  it('groups communes by province, every commune once', () => {
    expect(communesOfProvince('79')).toHaveLength(168); // DOMAIN.md: TP.HCM has the most communes
    expect(communesOfProvince('12')).toHaveLength(38); // … Lai Châu the fewest
    expect(communesOfProvince('01')).toHaveLength(126);
    const total = listProvinces().reduce((n, p) => n + communesOfProvince(p.code).length, 0);
    expect(total).toBe(3321);
    expect(communesOfProvince('00')).toEqual([]);
  });

  it('derives the 30/04/2026 changes: Đồng Nai becomes a city, 10 of its xã become phường', () => {
    const ch = directoryChanges();
    expect(ch.since).toBe('2025-07-01');
    expect(ch.provinces).toEqual([
      { code: '75', before: { name: 'Tỉnh Đồng Nai', kind: 'tinh' }, after: { name: 'Thành phố Đồng Nai', kind: 'thanh_pho' } },
    ]);
    expect(ch.communes).toHaveLength(10);
    for (const c of ch.communes) {
      expect(c.before.kind).toBe('xa');
      expect(c.after.kind).toBe('phuong');
      expect(getCommune(c.code)?.provinceCode).toBe('75');
    }
    expect(ch.added).toEqual([]);
    expect(ch.removed).toEqual([]);
  });

  it('knows the 29 provinces merged away on 01/07/2025', () => {
    const former = formerProvinces();
    expect(former).toHaveLength(29);
    expect(former.find((f) => f.name === 'Tỉnh Hà Giang')?.into).toBe('08');
    // none of them is still a current province
    const current = new Set(listProvinces().map((p) => p.name.replace(/^(Tỉnh|Thành phố) /, '')));
    for (const f of former) expect(current.has(f.name.replace(/^Tỉnh /, ''))).toBe(false);
    // 34 = 11 untouched + 23 that absorbed the 29
    expect(new Set(former.map((f) => f.into)).size).toBe(23);
  });
});

describe('folding and distance', () => {
  it('folds case, diacritics, đ, apostrophes and punctuation', () => {
    expect(fold('  Phường  BA ĐÌNH, Hà Nội! ')).toBe('phuong ba dinh ha noi');
    expect(fold("Cư M'gar")).toBe('cu mgar');
    expect(fold('Hoà') === fold('Hòa')).toBe(true);
    expect(fold('Chân Mây - Lăng Cô')).toBe('chan may lang co');
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('pleiku', 'plieku')).toBe(1);
    expect(editDistance('tan hoa', 'tan hao')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('abcdef', 'a', 2)).toBeGreaterThan(2);
    expect(similarity('nha trang', 'nha trang')).toBe(1);
  });
});

describe('matchPlace options and outcomes', () => {
  it('ranks the preferred province, then the preferred commune, first among equals', () => {
    const plain = matchPlace('xã Tân Hòa');
    expect(plain.kind).toBe('ambiguous');
    const pref = matchPlace('xã Tân Hòa', { preferProvince: '86' as ProvinceCode });
    expect(pref.kind === 'ambiguous' && pref.candidates[0]!.commune.code).toBe('29371');
    const both = matchPlace('Tân Hòa', { preferProvince: '86' as ProvinceCode, preferCommune: parseCommuneCode('31342')! });
    expect(both.kind === 'ambiguous' && both.candidates.map((c) => c.commune.code).slice(0, 2)).toEqual(['31342', '29371']);
  });

  it('honours limit without turning an ambiguous match into a unique one', () => {
    const m = matchPlace('Tân Hòa', { limit: 2 });
    expect(m.kind === 'ambiguous' && m.candidates).toHaveLength(2);
    const one = matchPlace('Tân Hòa', { limit: 1 });
    expect(one.kind).toBe('ambiguous');
    expect(one.kind === 'ambiguous' && one.candidates).toHaveLength(1);
  });

  it('marks the 2026 reclassification on the candidate that was a xã', () => {
    const m = matchPlace('xã Long Thành');
    expect(m.kind).toBe('ambiguous');
    if (m.kind !== 'ambiguous') return;
    const dn = m.candidates.find((c) => c.commune.code === '26368');
    expect(dn?.formerName).toBe('Xã Long Thành');
    expect(m.candidates.find((c) => c.commune.code === '29513')?.formerName).toBeUndefined();
  });

  it('explains a former province and a commune named outside its province', () => {
    const m = matchPlace('Tân Hòa, Tuyên Quang');
    expect(m.kind).toBe('province_only');
    if (m.kind !== 'province_only') return;
    expect(m.unmatched).toBe('Tân Hòa');
    expect(m.elsewhere.map((c) => c.commune.provinceCode)).not.toContain('08');
    expect(m.elsewhere.length).toBe(6);
    const folded = matchPlace('tan hoa tuyen quang');
    expect(folded.kind === 'province_only' && folded.unmatched).toBe('Tân Hòa');
    const hg = matchPlace('tỉnh Hà Giang');
    expect(hg.kind === 'province_only' && hg.mergedFrom?.name).toBe('Tỉnh Hà Giang');
  });

  it('prefers a one-typo name over a two-typo one', () => {
    const m = matchPlace('xa chieng knuong son la');
    expect(m.kind).toBe('unique');
    expect(m.kind === 'unique' && m.candidates[0].commune.name).toBe('Xã Chiềng Khương');
  });

  it('is not fooled by long unrelated text', () => {
    const text = 'Hôm qua tôi đi làm thủ tục nhưng cán bộ bảo quay lại sau, rất mất thời gian. '.repeat(20);
    expect(matchPlace(text).kind).toBe('none');
    expect(matchPlace(`${text} Tôi ở phường Ba Đình.`).kind).toBe('unique');
  });
});
