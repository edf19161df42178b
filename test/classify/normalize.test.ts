import { describe, expect, it } from 'vitest';
import { canonicalSpelling, foldVietnamese, normalizeTokens, normalizeVietnamese, stripDiacritics } from '../../src/classify/normalize.ts';

describe('stripDiacritics', () => {
  it.each([
    ['Đường Hòa Bình', 'Duong Hoa Binh'],
    ['đặc khu Phú Quốc', 'dac khu Phu Quoc'],
    ['Ủy ban nhân dân xã Ẳng Nưa', 'Uy ban nhan dan xa Ang Nua'],
    ['không có biên lai', 'khong co bien lai'],
    ['ỐNG ỨNG ỬA ỰC', 'ONG UNG UA UC'],
    // NFD input (some phone keyboards): combining marks separate from the letter
    ['Hòa Thuận'.normalize('NFD'), 'Hoa Thuan'],
    ['dã'.normalize('NFD'), 'da'],
    ['plain ascii 123', 'plain ascii 123'],
    ['emoji stays 😡🙏', 'emoji stays 😡🙏'],
  ])('%s → %s', (input, expected) => {
    expect(stripDiacritics(input)).toBe(expected);
  });

  it('gives the same result for NFC and NFD of every Vietnamese letter', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    for (const ch of [...letters, ...letters.toUpperCase()]) {
      expect(stripDiacritics(ch.normalize('NFD'))).toBe(stripDiacritics(ch.normalize('NFC')));
      expect(stripDiacritics(ch)).toMatch(/^[a-zA-Z]$/);
    }
  });
});

describe('canonicalSpelling', () => {
  it.each([
    ['hoà', 'hòa'],
    ['Hoà Bình', 'Hòa Bình'],
    ['uỷ ban', 'ủy ban'],
    ['khoẻ', 'khỏe'],
    ['thuỷ lợi', 'thủy lợi'],
    ['HOÀ', 'HÒA'],
    // closed syllables and "qu" keep their tone where it is
    ['hoàn thành', 'hoàn thành'],
    ['quý', 'quý'],
    ['quà', 'quà'],
    ['hoà'.normalize('NFD'), 'hòa'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalSpelling(input)).toBe(expected);
  });
});

describe('normalizeVietnamese', () => {
  it.each([
    ['Cb UB xã ko cho nộp hồ sơ!!', 'cán bộ ủy ban xã không cho nộp hồ sơ'],
    ['đc r, thanks ad', 'được rồi cảm ơn admin'],
    ['k có biên lai j hết', 'không có biên lai gì hết'],
    ['hok bít hỏi ai, mn ơi', 'không biết hỏi ai mọi người ơi'],
    ['ct xã với pct UBND', 'chủ tịch xã với phó chủ tịch ủy ban nhân dân'],
    ['bt đảng ủy xã', 'bí thư đảng ủy xã'],
    // "ct" alone is ambiguous (công ty), so it stays
    ['làm ở ct may', 'làm ở ct may'],
    ['nộp 50k, hẹn 7/1, 1.500.000đ', 'nộp 50k hẹn 7/1 1.500.000đ'],
    ['Tốt quá :) 👍👍', 'tốt quá 🙂 👍 👍'],
    ['  nhiều    khoảng   trắng\n\tvà xuống dòng ', 'nhiều khoảng trắng và xuống dòng'],
    ['Uỷ ban'.normalize('NFD'), 'ủy ban'],
    // a word that looks like an Object.prototype key is just a word
    ['constructor toString', 'constructor tostring'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('keeps "?" and "!" only when asked', () => {
    expect(normalizeTokens('sao vậy?!', { keepPunctuation: true })).toEqual(['sao', 'vậy', '?', '!']);
    expect(normalizeTokens('sao vậy?!')).toEqual(['sao', 'vậy']);
  });

  it('drops emoji when asked', () => {
    expect(normalizeVietnamese('tệ quá 😡', { keepEmoji: false })).toBe('tệ quá');
  });

  it('folds accented, unaccented and teencode spellings to the same form', () => {
    const forms = ['Cán bộ không có biên lai', 'can bo khong co bien lai', 'cb ko có biên lai', 'CB K CO BIEN LAI', 'Cán bộ không có biên lai'.normalize('NFD')];
    const folded = new Set(forms.map(foldVietnamese));
    expect([...folded]).toEqual(['can bo khong co bien lai']);
  });
});
