import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/classify/eval-file.ts';
import { computeMetrics, type EvalItem, formatMetrics, type Prediction } from '../../src/classify/evaluate.ts';

// Six messages over three labels with hand-worked figures (see each expectation).
const items: EvalItem[] = [
  { id: '1', text: 'a', label: 'cua_quyen', alsoOk: [], diacritics: true, targetsLeader: true },
  { id: '2', text: 'b', label: 'cua_quyen', alsoOk: [], diacritics: false, targetsLeader: true },
  { id: '3', text: 'c', label: 'quan_lieu', alsoOk: ['cua_quyen'], diacritics: true, targetsLeader: false },
  { id: '4', text: 'd', label: 'quan_lieu', alsoOk: [], diacritics: false, targetsLeader: false },
  { id: '5', text: 'e', label: 'khen', alsoOk: [], diacritics: true, targetsLeader: false },
  { id: '6', text: 'f', label: 'khen', alsoOk: [], diacritics: true, targetsLeader: false, topic: 'dat_dai' },
];
// Confidences: the four right answers at 0.95 and 0.85, the two wrong ones at 0.85 and 0.55.
const p = (label: Prediction['label'], targetsLeader: boolean, confidence: number): Prediction => ({
  label,
  targetsLeader,
  confidence,
  topic: 'dat_dai',
  needsReview: confidence < 0.6,
});
const predictions: Prediction[] = [
  p('cua_quyen', true, 0.95), // right
  p('quan_lieu', false, 0.85), // wrong; leader missed
  p('cua_quyen', true, 0.95), // right through also_ok; leader false alarm
  p('quan_lieu', false, 0.95), // right
  p('khen', false, 0.85), // right
  p('cua_quyen', false, 0.55), // wrong: a conduct label on praise
];

describe('computeMetrics', () => {
  const m = computeMetrics(items, predictions);

  it('counts also_ok as right', () => {
    expect(m.n).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it('computes per-label precision and recall on the credited gold labels', () => {
    // cua_quyen: gold {1,2,3(credited)}, predicted {1,3,6} → P 2/3, R 2/3
    expect(m.perLabel.cua_quyen).toMatchObject({ support: 3 });
    expect(m.perLabel.cua_quyen.precision).toBeCloseTo(2 / 3, 10);
    expect(m.perLabel.cua_quyen.recall).toBeCloseTo(2 / 3, 10);
    // quan_lieu: gold {4}, predicted {2,4} → P 1/2, R 1
    expect(m.perLabel.quan_lieu.precision).toBeCloseTo(1 / 2, 10);
    expect(m.perLabel.quan_lieu.recall).toBe(1);
    // khen: gold {5,6}, predicted {5} → P 1, R 1/2
    expect(m.perLabel.khen.precision).toBe(1);
    expect(m.perLabel.khen.recall).toBeCloseTo(1 / 2, 10);
    expect(m.perLabel.gop_y.support).toBe(0);
  });

  it('macro-averages F1 over the labels present', () => {
    // F1 is 2/3 for each of the three labels
    expect(m.macroF1).toBeCloseTo(2 / 3, 10);
  });

  it('fills the confusion matrix with gold rows and predicted columns', () => {
    expect(m.confusion.cua_quyen.cua_quyen).toBe(2);
    expect(m.confusion.cua_quyen.quan_lieu).toBe(1);
    expect(m.confusion.quan_lieu.quan_lieu).toBe(1);
    expect(m.confusion.khen.khen).toBe(1);
    expect(m.confusion.khen.cua_quyen).toBe(1);
    const total = Object.values(m.confusion).reduce((s, row) => s + Object.values(row).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(6);
  });

  it('measures targets_leader recall and precision', () => {
    expect(m.leader).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
  });

  it('measures calibration, false accusations, review and fields', () => {
    // bin 0.9: 3 right of 3 at 0.95 → gap 0.05; bin 0.8: 1 right of 2 at 0.85 → 0.35;
    // bin 0.5: 0 of 1 at 0.55 → 0.55. ECE = (3·0.05 + 2·0.35 + 1·0.55) / 6
    expect(m.ece).toBeCloseTo((3 * 0.05 + 2 * 0.35 + 0.55) / 6, 10);
    // messages 5 and 6 accuse nobody; 6 got cua_quyen
    expect(m.falseConduct).toEqual({ n: 1, of: 2, rate: 0.5 });
    expect(m.reviewRate).toBeCloseTo(1 / 6, 10);
    expect(m.topic).toEqual({ n: 1, accuracy: 1 });
  });

  it('prints every figure', () => {
    const text = formatMetrics('tiny', m);
    expect(text).toContain('accuracy  66.7%');
    expect(text).toContain('macro-F1  66.7%');
    expect(text).toContain('targets_leader: recall  50.0%  precision  50.0%');
    expect(text).toContain('conduct label on a message accusing nobody: 1 of 2');
    expect(text).toContain('field accuracy 100.0% (n=1)');
    expect(text).toMatch(/khen\s+100\.0%\s+50\.0%\s+66\.7%\s+2/);
  });

  it('handles an empty set without dividing by zero', () => {
    const empty = computeMetrics([], []);
    expect(empty.accuracy).toBe(0);
    expect(empty.macroF1).toBe(0);
    expect(empty.leader).toBeUndefined();
  });
});

describe('readEvalFile', () => {
  it('reads the feedback-dev format and infers missing diacritics flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-eval-'));
    const file = join(dir, 'tiny.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'x1', text: 'Cán bộ quát dân', label: 'ung_xu', also_ok: ['cua_quyen', 'bogus'], targets_leader: false }),
        '',
        JSON.stringify({ id: 'x2', text: 'can bo quat dan', label: 'ung_xu' }),
      ].join('\n'),
    );
    const items = readEvalFile(file);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ id: 'x1', alsoOk: ['cua_quyen'], diacritics: true, targetsLeader: false });
    expect(items[1]).toMatchObject({ id: 'x2', diacritics: false, targetsLeader: undefined });
  });

  it('names the line of a bad label', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-eval-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'a', text: 't', label: 'khac' })}\n${JSON.stringify({ id: 'b', text: 't', label: 'nope' })}\n`);
    expect(() => readEvalFile(file)).toThrow(/bad\.jsonl:2/);
  });
});
