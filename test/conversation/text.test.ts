import { describe, expect, it } from 'vitest';
import type { EngineDeps } from '../../src/conversation/index.ts';
import { placeholderDueDate } from '../../src/conversation/index.ts';
import { commandMatch, detectLocale, matchOption, parsePhone } from '../../src/conversation/text.ts';
import { matchPlace } from '../../src/directory/index.ts';

const OPTIONS = [
  { value: 'agree', label: 'Đồng ý', accept: ['ok'] },
  { value: 'anonymous', label: 'Gửi ẩn danh' },
];

describe('reading what the citizen typed', () => {
  it.each([
    ['agree', 'agree'],
    ['1', 'agree'],
    ['2', 'anonymous'],
    ['số 2', 'anonymous'],
    ['Đồng ý', 'agree'],
    ['dong y', 'agree'],
    ['ĐỒNG Ý ạ', 'agree'],
    ['OK', 'agree'],
    ['gui an', 'anonymous'],
    ['3', null],
    ['gửi', null],
    ['tôi không biết', null],
  ])('"%s" → %s', (typed, expected) => {
    expect(matchOption(typed, OPTIONS)?.value ?? null).toBe(expected);
  });

  it('tells "dừng" from "dung", which could also be "đúng"', () => {
    const cancel = ['hủy', 'dừng', 'dừng lại'];
    expect(commandMatch('Dừng', cancel)).toBe('exact');
    expect(commandMatch('dừng lại nhé', cancel)).toBe('exact');
    expect(commandMatch('dung', cancel)).toBe('folded');
    expect(commandMatch('huy a', cancel)).toBe('folded');
    expect(commandMatch('cán bộ hẹn rồi hủy', cancel)).toBeNull();
  });

  it.each([
    ['Cán bộ xã bắt đi lại 4 lần', 'en', 'vi'],
    ['can bo xa bat toi di lai 4 lan', 'en', 'vi'],
    ['Hello', 'vi', 'en'],
    ['The officer asked me for money', 'vi', 'en'],
    ['1', 'en', 'en'],
    ['ok', 'vi', 'vi'],
    ['PA-2026-000001', 'en', 'en'],
  ] as const)('"%s" in a %s conversation is %s', (text, current, expected) => {
    expect(detectLocale(text, current)).toBe(expected);
  });

  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912.345.678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0912 34', null],
    ['không có', null],
  ])('phone %s → %s', (typed, expected) => {
    expect(parsePhone(typed)).toBe(expected);
  });
});

describe('placeholderDueDate (the seam src/deadlines replaces)', () => {
  it('counts ten working days, skipping weekends, from the day in Vietnam', () => {
    expect(placeholderDueDate('feedback', new Date('2026-11-23T02:00:00Z'))).toEqual({ due: '2026-12-07' });
    // 16:30 UTC on Friday is 23:30 Friday in Vietnam: ten working days from Friday.
    expect(placeholderDueDate('feedback', new Date('2026-11-27T16:30:00Z'))).toEqual({ due: '2026-12-11' });
    // A weekend message counts from the weekend, like Friday's.
    expect(placeholderDueDate('feedback', new Date('2026-11-28T18:00:00Z'))).toEqual({ due: '2026-12-11' });
    // 18:00 UTC on Sunday is already Monday 01:00 in Vietnam: one working day later.
    expect(placeholderDueDate('feedback', new Date('2026-11-29T18:00:00Z'))).toEqual({ due: '2026-12-14' });
  });
});

describe('the real directory', () => {
  it('fits the engine’s directory dependency as it is', () => {
    const directory: EngineDeps['directory'] = { matchPlace };
    const m = directory.matchPlace('Phường Sài Gòn, TP HCM');
    expect(m.kind).not.toBe('none');
  });
});
