import { describe, expect, it } from 'vitest';
import { keysOf, LOCALES, t } from '../../src/i18n/index.ts';

/** The placeholders a text fills, e.g. "{code} đến hạn {due}" → ["code", "due"]. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

describe('locale catalogues', () => {
  const vi = keysOf('vi');

  it('English has every Vietnamese key, and no key Vietnamese lacks', () => {
    const en = new Set(keysOf('en'));
    expect(vi.filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.includes(k))).toEqual([]);
  });

  it('each text fills the same placeholders in every language', () => {
    const mismatched = vi.filter((k) => placeholders(t('vi', k)).join() !== placeholders(t('en', k)).join());
    expect(mismatched).toEqual([]);
  });

  it('no text is empty', () => {
    for (const locale of LOCALES) expect(keysOf(locale).filter((k) => t(locale, k).trim() === '')).toEqual([]);
  });
});
