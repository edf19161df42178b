import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classifier.ts';
import { LABELS } from '../../src/classify/labels.ts';
import { decodeModel, OUTPUTS } from '../../src/classify/model.ts';
import { DEFAULT_TRAIN_OPTIONS, type TrainingExample, trainModel, trainWeights } from '../../src/classify/train.ts';

// A toy set where each label has its own words: enough for naive Bayes alone to separate.
const TOY: TrainingExample[] = [
  ...['đòi tiền bồi dưỡng', 'phong bì mới làm', 'thu tiền không biên lai'].map((text) => ({
    text,
    label: 'tham_nhung' as const,
    targetsLeader: false,
  })),
  ...['cảm ơn chị rất tận tình', 'khen cán bộ nhiệt tình', 'cảm ơn anh chu đáo'].map((text) => ({
    text,
    label: 'khen' as const,
    targetsLeader: false,
  })),
  ...['cho hỏi thủ tục', 'xin hỏi giờ làm việc', 'cho hỏi lệ phí'].map((text) => ({ text, label: 'khac' as const, targetsLeader: false })),
];

describe('complement naive Bayes folded into the linear weights', () => {
  it('adds nothing when its weight is 0', () => {
    const opts = { ...DEFAULT_TRAIN_OPTIONS, epochs: 0, nbWeight: 0 };
    const { dense } = trainWeights(TOY, opts);
    expect(dense.every((w) => w === 0)).toBe(true);
  });

  it('gives per-bucket weights that sum to zero over the labels and leave the leader output alone', () => {
    const { dense } = trainWeights(TOY, { ...DEFAULT_TRAIN_OPTIONS, epochs: 0, nbWeight: 1 });
    let buckets = 0;
    for (let base = 0; base < dense.length; base += OUTPUTS) {
      let sum = 0;
      let any = false;
      for (let k = 0; k < LABELS.length; k++) {
        sum += dense[base + k]!;
        if (dense[base + k] !== 0) any = true;
      }
      if (!any) continue;
      buckets++;
      expect(Math.abs(sum)).toBeLessThan(1e-4);
      expect(dense[base + LABELS.length]).toBe(0);
    }
    expect(buckets).toBeGreaterThan(10);
  });

  it('classifies on its own (no gradient steps) by the words each label uses', () => {
    const model = decodeModel(trainModel(TOY, { ...DEFAULT_TRAIN_OPTIONS, epochs: 0, nbWeight: 1 }));
    const classifier = createClassifier(model);
    expect(classifier.classify('họ đòi phong bì').label).toBe('tham_nhung');
    expect(classifier.classify('chị ấy rất tận tình').label).toBe('khen');
    expect(classifier.classify('cho hỏi giờ làm việc ạ').label).toBe('khac');
  });
});
