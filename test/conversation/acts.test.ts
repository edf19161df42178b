import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/conversation/index.ts';
import { FLOWS_DIR } from './harness.ts';

const { acts } = loadFlows(FLOWS_DIR).lexicon;

describe('the dialogue-act layer (flows/lexicon/acts.yaml)', () => {
  it.each(acts.examples.map((e) => [e.text, e] as const))('reads %j as its example says', (_text, e) => {
    const r = acts.read(e.text);
    expect([...r.acts].sort()).toEqual([...e.acts].sort());
    expect(r.pure).toBe(e.pure);
  });

  it('keeps what follows a leading yes or no, as typed', () => {
    expect(acts.read('không, ở xã Tân Lập ạ').rest).toBe('ở xã Tân Lập ạ');
    expect(acts.read('dạ đúng ạ').rest).toBe('');
    expect(acts.read('à nhầm, hôm thứ 3 cơ').rest).toBe('hôm thứ 3 cơ');
  });

  it('tells "dừng" (stop) from "đúng" (right) when diacritics are typed, and reads "dung" as right', () => {
    expect([...acts.read('dừng').acts]).toEqual(['cancel']);
    expect([...acts.read('đúng').acts]).toEqual(['yes']);
    expect([...acts.read('dung').acts]).toEqual(['yes']);
  });
});
