import { describe, expect, it } from 'vitest';
import { numberedOptions, resolveNumberedReply, validateOutbound } from '../../src/channels/index.ts';
import { splitText } from '../../src/channels/text.ts';

const choice = validateOutbound({
  type: 'choice',
  payload: {
    text: 'Chọn lĩnh vực:',
    options: [
      { label: 'Giao thông', value: 'traffic' },
      { label: 'Môi trường', value: 'env' },
    ],
  },
});

const carousel = validateOutbound({
  type: 'carousel',
  payload: {
    items: [
      {
        title: 'A',
        actions: [
          { action: 'url', label: 'Web', value: 'https://x' },
          { action: 'postback', label: 'Chọn A', value: 'a' },
        ],
      },
      { title: 'B', actions: [{ action: 'say', label: 'Chọn B', value: 'b' }] },
    ],
  },
});

describe('numbered replies', () => {
  it('numbers answers only, across carousel items', () => {
    expect(numberedOptions(carousel)).toEqual([
      { label: 'Chọn A', value: 'a' },
      { label: 'Chọn B', value: 'b' },
    ]);
    expect(numberedOptions(validateOutbound({ type: 'text', payload: { text: 'x' } }))).toEqual([]);
  });

  it('maps a number, "số N", "N." or the label back to the value', () => {
    expect(resolveNumberedReply(choice, '2')).toBe('env');
    expect(resolveNumberedReply(choice, ' 1. ')).toBe('traffic');
    expect(resolveNumberedReply(choice, 'Số 2')).toBe('env');
    expect(resolveNumberedReply(choice, '２')).toBe('env'); // full-width digit from some keyboards
    expect(resolveNumberedReply(choice, 'môi trường')).toBe('env');
    // decomposed Vietnamese (NFD) still matches the label
    expect(resolveNumberedReply(choice, 'Môi trường'.normalize('NFD'))).toBe('env');
    expect(resolveNumberedReply(carousel, '2')).toBe('b');
  });

  it('returns null when the reply names no option', () => {
    expect(resolveNumberedReply(choice, '3')).toBeNull();
    expect(resolveNumberedReply(choice, '0')).toBeNull();
    expect(resolveNumberedReply(choice, 'đường bị ngập ở thôn 2')).toBeNull();
  });
});

describe('splitText', () => {
  it('keeps short text whole and cuts long text at paragraph, line or word boundaries', () => {
    expect(splitText('ngắn', 10)).toEqual(['ngắn']);
    expect(splitText('aaaa bbbb\n\ncccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('never cuts an emoji in half', () => {
    const parts = splitText(`abcd${'😀'}efgh`, 5);
    expect(parts).toEqual(['abcd', '😀efg', 'h']);
    expect(parts.join('')).toBe(`abcd😀efgh`);
  });

  it('composes decomposed Vietnamese first and never cuts a letter from its accent', () => {
    const nfd = 'Nguyễn Thị Hường phản ánh đường hỏng'.normalize('NFD').replace(/ /g, '');
    const parts = splitText(nfd, 7);
    expect(parts.join('')).toBe(nfd.normalize('NFC'));
    for (const p of parts) expect(p).toBe(p.normalize('NFC'));
    // x + acute has no composed form: it stays one grapheme, never split.
    const marks = 'x\u0301'.repeat(10);
    for (const p of splitText(marks, 5)) expect(p.startsWith('\u0301')).toBe(false);
    const family = '👨\u200d👩\u200d👧';
    expect(splitText(`ab${family}cd`, 8)).toEqual(['ab', family, 'cd']);
  });
});

