import { describe, expect, it } from 'vitest';
import { matchPlace } from '../../src/directory/index.ts';
import { candidatesJson, describePlaceMatch } from '../../src/directory/present.ts';
import { hasKey } from '../../src/i18n/index.ts';

describe('what the conversation says about a match', () => {
  it('confirms a unique commune', () => {
    expect(describePlaceMatch('vi', matchPlace('phường Ba Đình'))).toBe('Bạn ở Phường Ba Đình, Thành phố Hà Nội phải không?');
    expect(describePlaceMatch('en', matchPlace('phường Ba Đình'))).toBe('Are you in Phường Ba Đình, Thành phố Hà Nội?');
  });

  it('lists the choices when several units share the name', () => {
    const text = describePlaceMatch('vi', matchPlace('xã Tân Hòa'));
    expect(text.startsWith('Có nhiều đơn vị tên Tân Hòa.')).toBe(true);
    expect(text).toContain('1. Xã Tân Hòa, ');
    expect(text).toContain('4. Xã Tân Hòa, ');
    expect(describePlaceMatch('vi', matchPlace('đà lạt')).startsWith('Có nhiều đơn vị phù hợp.')).toBe(true);
  });

  it('explains a merger or reclassification before confirming', () => {
    expect(describePlaceMatch('vi', matchPlace('xã Hoàng Su Phì, Hà Giang'))).toBe(
      'Tỉnh Hà Giang đã được sáp nhập vào Tỉnh Tuyên Quang từ ngày 1/7/2025. Bạn ở Xã Hoàng Su Phì, Tỉnh Tuyên Quang phải không?',
    );
    expect(describePlaceMatch('vi', matchPlace('xa long thanh dong nai'))).toContain('Từ ngày 30/4/2026, Xã Long Thành đã trở thành Phường Long Thành');
    expect(describePlaceMatch('en', matchPlace('Hà Giang'))).toContain('Tỉnh Hà Giang was merged into Tỉnh Tuyên Quang on 1 July 2025.');
  });

  it('explains abolished districts and numbered wards and asks for the commune', () => {
    const d = describePlaceMatch('vi', matchPlace('huyện Ba Chẽ'));
    expect(d).toContain('Huyện Ba Chẽ không còn là một đơn vị hành chính');
    expect(d).toContain('1. Xã Ba Chẽ, Tỉnh Quảng Ninh');
    expect(describePlaceMatch('en', matchPlace('phường 7'))).toContain('Phường 7 was merged into a new, named ward');
  });

  it('asks for the commune inside a province, saying when the name is not there', () => {
    expect(describePlaceMatch('vi', matchPlace('Tân Hòa, Tuyên Quang'))).toBe(
      'Hiện Tỉnh Tuyên Quang không có xã, phường tên Tân Hòa (có thể đơn vị này đã được sáp nhập). Bạn ở xã, phường nào của Tỉnh Tuyên Quang?',
    );
    expect(describePlaceMatch('vi', matchPlace('blah'))).toContain('chưa tìm thấy');
  });

  it('has every directory phrase in both languages', () => {
    const keys = ['confirm', 'ambiguous', 'ambiguous_mixed', 'which', 'option', 'merged', 'reclassified', 'abolished.district', 'abolished.town',
      'abolished.numbered_ward', 'maybe', 'ask_commune', 'ask_commune_in', 'not_in_province', 'not_found'];
    for (const k of keys) {
      expect(hasKey('vi', `directory.${k}`)).toBe(true);
      expect(hasKey('en', `directory.${k}`)).toBe(true);
    }
  });

  it('gives no candidates for a province-only or empty match', () => {
    expect(candidatesJson(matchPlace('tp hcm'))).toEqual([]);
    expect(candidatesJson(matchPlace(''))).toEqual([]);
  });
});
