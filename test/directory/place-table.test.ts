import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PlaceMatch, matchPlace } from '../../src/directory/index.ts';
import type { TableCase } from './fixtures/make-table.ts';

const load = (f: string): TableCase[] => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8'));
const generated = load('place-table.generated.json');
const hand = load('place-table.hand.json');

function codes(m: PlaceMatch): string[] {
  if (m.kind === 'none') return [];
  if (m.kind === 'province_only') return m.elsewhere.map((c) => c.commune.code);
  return m.candidates.map((c) => c.commune.code);
}

/** Everything the case asks for that the match does not give, as readable lines (empty: pass). */
function misses(c: TableCase, m: PlaceMatch): string[] {
  const out: string[] = [];
  const got = codes(m);
  if (m.kind !== c.kind) out.push(`kind ${m.kind}, want ${c.kind} (${got.slice(0, 4).join(',')})`);
  if (c.first && got[0] !== c.first) out.push(`first ${got[0]}, want ${c.first}`);
  for (const code of c.includes ?? []) if (!got.includes(code)) out.push(`missing ${code}`);
  if (c.oldName && !((m.kind === 'merged' || m.kind === 'abolished') && m.oldName === c.oldName)) {
    out.push(`oldName ${'oldName' in m ? m.oldName : '-'}, want ${c.oldName}`);
  }
  if (c.province && !(m.kind === 'province_only' && m.province.code === c.province)) out.push(`province, want ${c.province}`);
  if (m.kind === 'unique' && c.kind === 'unique' && m.candidates.length !== 1) out.push('unique with several candidates');
  if (m.kind === 'ambiguous' && m.candidates.length < 2) out.push('ambiguous with fewer than 2 candidates');
  return out;
}

describe('place table', () => {
  it('has at least 200 cases made from the official lists plus hand-written ones', () => {
    expect(generated.length + hand.length).toBeGreaterThanOrEqual(200);
    expect(new Set(generated.map((c) => c.how.split(':')[0])).size).toBeGreaterThanOrEqual(8);
  });

  it.each(hand.map((c) => [c.input, c] as const))('hand: %s', (_, c) => {
    expect(misses(c, matchPlace(c.input))).toEqual([]);
  });

  it.each(generated.map((c) => [`${c.how}: ${c.input}`, c] as const))('generated %s', (_, c) => {
    expect(misses(c, matchPlace(c.input))).toEqual([]);
  });

  it('scores lie in 0..1, best first', () => {
    for (const c of [...hand, ...generated]) {
      const m = matchPlace(c.input);
      if (m.kind === 'none' || m.kind === 'province_only') continue;
      const scores = m.candidates.map((x) => x.score);
      for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
      for (const s of scores) expect(s).toBeLessThanOrEqual(1);
    }
  });
});
