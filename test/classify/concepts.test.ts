import { describe, expect, it } from 'vitest';
import { conceptsOf } from '../../src/classify/concepts.ts';
import { DEFAULT_FEATURES, featuresOf, featureTokens } from '../../src/classify/features.ts';

function concepts(text: string, marks = true): string[] {
  const accented: string[] = [];
  const tokens = featureTokens(text, accented);
  return conceptsOf(tokens, marks ? accented : undefined);
}

describe('concepts and diacritics', () => {
  it('keeps the meaning the marks give: "mang" (carry), "về", "muốn", "bản sao" are not rude, receipt, late or spam', () => {
    const found = concepts('Tôi muốn mang giấy tờ về nhà, bản sao đã có');
    expect(found).not.toContain('rude');
    expect(found).not.toContain('no_receipt');
    expect(found).not.toContain('delay');
    expect(found).not.toContain('greeting_ad');
    expect(found).toContain('paperwork');
  });

  it('still finds the marked words themselves', () => {
    expect(concepts('Chị ấy mắng tôi, nói hỗn')).toContain('rude');
    expect(concepts('Mua vé không có hóa đơn')).toContain('no_receipt');
    expect(concepts('Hồ sơ trả muộn hai tuần')).toContain('delay');
  });

  it('matches accent-blind when the message was typed without diacritics', () => {
    expect(concepts('chi ay mang toi, noi hon')).toContain('rude');
    expect(concepts('toi muon mang giay to ve nha')).toContain('rude');
  });

  it('decides by what was typed, not by marks that teencode expansion adds', () => {
    // "ko" expands to "không", but the writer typed no marks: "mang" may mean "mắng".
    expect(concepts('chi ay mang toi ko ngung')).toContain('rude');
  });

  it('is off for model files trained before it, so they get the features they were trained on', () => {
    const text = 'Tôi muốn mang giấy tờ về nhà';
    const before = featuresOf(text, { charMin: 2, charMax: 0 });
    expect(featuresOf(text, { ...DEFAULT_FEATURES, conceptMarks: false })).toEqual(before);
    expect(featuresOf(text)).not.toEqual(before);
    expect(featuresOf('toi muon mang giay to ve nha')).toEqual(featuresOf('toi muon mang giay to ve nha', { charMin: 2, charMax: 0 }));
  });
});
