import { describe, expect, it } from 'vitest';
import { cleanText, sanitizeEvent } from '../../src/channels/index.ts';

describe('text at the edge', () => {
  it('composes Vietnamese typed as decomposed characters (NFD) into NFC', () => {
    const nfd = 'Cán bộ phường'.normalize('NFD');
    expect(nfd).not.toBe('Cán bộ phường');
    expect(cleanText(nfd)).toBe('Cán bộ phường');
  });

  it('drops control characters and bidi overrides but keeps emoji, newlines and script text as text', () => {
    expect(cleanText('a\u0000b\u202Ec\u0007d')).toBe('abcd');
    expect(cleanText('dòng 1\r\ndòng 2')).toBe('dòng 1\ndòng 2');
    expect(cleanText('bực quá 😡👨‍👩‍👧')).toBe('bực quá 😡👨‍👩‍👧');
    expect(cleanText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('bounds the length of a message', () => {
    expect(cleanText('a'.repeat(10_000))).toHaveLength(4000);
  });

  it('cleans every text field of an event and leaves the rest', () => {
    const e = sanitizeEvent({
      platform: 'zalo',
      accountRef: '1',
      userRef: '2',
      eventId: 'x',
      timestamp: 1,
      content: { type: 'user_submit_info', name: 'Nguyễn Văn A'.normalize('NFD'), phone: '0912\u0000345678' },
    });
    expect(e.content).toEqual({ type: 'user_submit_info', name: 'Nguyễn Văn A', phone: '0912345678' });
  });
});
