import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, createClassifier, LABELS, loadModel, TOPICS } from '../../src/classify/index.ts';
import { CONDUCT_LABELS } from '../../src/classify/labels.ts';
import { evaluate, readEvalFile } from '../../src/classify/eval-file.ts';
import { fitCalibration } from '../../src/classify/calibrate.ts';
import { decodeModel, ModelFormatError } from '../../src/classify/model.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../../src/classify/train.ts';
import { readTrainingFile } from '../../src/classify/training-run.ts';
import { DEFAULT_PER_LABEL, DEFAULT_SEED, generate } from '../../scripts/classify/generate.ts';

// Fifty messages written by hand for these tests, not produced by the generator.
const HELDOUT = join(import.meta.dirname, 'fixtures', 'heldout.jsonl');

describe('shipped model', () => {
  const model = loadModel();

  it('matches the program', () => {
    expect(model.header.labels).toEqual(LABELS);
    expect(model.header.rows).toBeGreaterThan(1000);
    expect(model.header.trainedOn.examples).toBeGreaterThanOrEqual(5000);
  });

  it('classifies hand-written held-out messages well', () => {
    const report = evaluate(createClassifier(model), readEvalFile(HELDOUT));
    expect(report.all.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.all.macroF1).toBeGreaterThanOrEqual(0.8);
    expect(report.all.leader?.recall).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['Cán bộ địa chính đòi 3 triệu mới làm sổ đỏ, không có biên lai', 'tham_nhung'],
    ['can bo dia chinh doi 3 trieu moi lam so do, ko co bien lai', 'tham_nhung'],
    ['Cảm ơn chị cán bộ tư pháp đã hướng dẫn rất tận tình', 'khen'],
    ['cho em hỏi làm giấy khai sinh cần mang gì ạ', 'khac'],
  ])('%s → %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('gives the same answer with and without diacritics', () => {
    const pairs = [
      ['Cán bộ một cửa quát người già, thái độ rất tệ', 'Can bo mot cua quat nguoi gia, thai do rat te'],
      ['Hồ sơ tách thửa quá hẹn hai tháng vẫn chưa có kết quả', 'Ho so tach thua qua hen hai thang van chua co ket qua'],
    ];
    // Same label, secondary labels and routing; the confidence may differ a little, because
    // marks settle which word was meant ("già" old, not "giả" fake) for the concept features.
    const answer = (text: string) => {
      const { label, labels, targetsLeader, needsReview } = classify(text);
      return { label, labels, targetsLeader, needsReview };
    };
    for (const [accented, plain] of pairs) expect(answer(plain!)).toEqual(answer(accented!));
  });

  it('routes integrity complaints about the chairman to the province, praise of him not', () => {
    expect(classify('Chủ tịch xã ép các hộ đóng góp 2 triệu, ai không đóng thì không ký giấy tờ').targetsLeader).toBe(true);
    expect(classify('Cảm ơn chủ tịch xã đã xuống tận thôn lắng nghe bà con').targetsLeader).toBe(false);
    expect(classify('Cán bộ một cửa bắt đi lại 4 lần. Đề nghị chủ tịch xã xem xét').targetsLeader).toBe(false);
  });

  it('returns a well-formed classification for odd input', () => {
    for (const text of ['', '   ', '👍', '?????', 'x'.repeat(20_000), 'constructor __proto__ toString']) {
      const c = classify(text);
      expect(LABELS).toContain(c.label);
      expect(c.labels).not.toContain(c.label);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(classify('').label).toBe('khac');
  });

  it('flags low confidence for review, with a configurable threshold', () => {
    const text = 'Trạm y tế';
    // conductThreshold 0: only the review threshold decides here
    const c = classify(text, { conductThreshold: 0 });
    expect(classify(text, { reviewThreshold: 0, conductThreshold: 0 }).needsReview).toBe(false);
    expect(classify(text, { reviewThreshold: 1, conductThreshold: 0 }).needsReview).toBe(c.confidence < 1);
    expect(classify(text, { reviewThreshold: c.confidence + 0.01, conductThreshold: 0 }).needsReview).toBe(true);
  });

  it('gives every message a field', () => {
    expect(classify('Cán bộ địa chính đòi 3 triệu mới làm sổ đỏ, không có biên lai').topic).toBe('dat_dai');
    expect(classify('cho em hỏi làm giấy khai sinh cho con cần mang gì ạ').topic).toBe('ho_tich_cu_tru');
    expect(classify('Đường vào thôn 3 có nhiều ổ gà, hố ga mất nắp rất nguy hiểm').topic).toBe('giao_thong_ha_tang');
    const c = classify('bãi rác tự phát bốc mùi hôi cả xóm');
    expect(TOPICS).toContain(c.topic);
    expect(c.topicConfidence).toBeGreaterThan(0);
    expect(c.topicConfidence).toBeLessThanOrEqual(1);
  });

  it('sets a weak conduct label aside for a non-conduct one, keeps it as secondary and asks for review', () => {
    const text = 'Đường vào thôn 3 có nhiều ổ gà, báo mãi rồi';
    const strict = classify(text, { conductThreshold: 1 });
    expect(CONDUCT_LABELS.has(strict.label)).toBe(false);
    const lenient = classify(text, { conductThreshold: 0 });
    if (CONDUCT_LABELS.has(lenient.label)) {
      expect(strict.needsReview).toBe(true);
      expect(strict.labels).toContain(lenient.label);
    }
    // a clear accusation keeps its label at the default threshold
    expect(classify('Chủ tịch xã nhận 5 triệu tiền bôi trơn mới ký giấy, không có biên lai').label).toBe('tham_nhung');
  });

  it('keeps routing a doubtful denunciation of the leaders away from them', () => {
    const text = 'Chủ tịch xã ép các hộ đóng góp 2 triệu, ai không đóng thì không ký giấy tờ';
    expect(classify(text, { conductThreshold: 1 }).targetsLeader).toBe(true);
  });

  it('keeps the heavier wrong primary and the lighter one secondary', () => {
    const c = classify('Hồ sơ quá hẹn 3 tuần, cán bộ còn đòi 1 triệu tiền bồi dưỡng mới làm tiếp, không có biên lai');
    expect(c.label).toBe('tham_nhung');
  });
});

describe('training', () => {
  const small = readTrainingFile(join(import.meta.dirname, '..', '..', 'data', 'classify', 'train.jsonl')).filter(
    (_, i) => i % 20 === 0,
  );

  it('is reproducible: same data and seed give the same bytes', () => {
    const opts = { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 };
    const a = trainModel(small, opts);
    const b = trainModel(small, opts);
    expect(a.equals(b)).toBe(true);
    expect(trainModel(small, { ...opts, seed: 7 }).equals(a)).toBe(false);
  });

  it('round-trips through the file format', () => {
    const buf = trainModel(small, { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 });
    const model = decodeModel(buf);
    expect(model.header.trainedOn.examples).toBe(small.length);
    expect(createClassifier(model).classify('không có biên lai').label).toBeDefined();
  });

  it('fits a temperature that makes confidences honest on a tuning set', () => {
    const model = decodeModel(trainModel(small, { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 }));
    const items = readEvalFile(HELDOUT);
    const calibration = fitCalibration(createClassifier(model), items, 'heldout fixture');
    expect(calibration.fittedOn).toBe('heldout fixture');
    expect(calibration.labelTemperature).toBeGreaterThan(0);
    const ece = (m: typeof model) => evaluate(createClassifier(m), items).all.ece;
    const calibrated = { ...model, header: { ...model.header, calibration } };
    // fitted on these very items, the calibrated model cannot be worse calibrated on them
    expect(ece(calibrated)).toBeLessThanOrEqual(ece(model) + 1e-9);
    // temperature changes confidences, never the chosen labels
    const labels = (m: typeof model) => items.map((i) => createClassifier(m).classify(i.text, { conductThreshold: 0 }).label);
    expect(labels(calibrated)).toEqual(labels(model));
  });

  it('refuses a file that is not a model', () => {
    expect(() => decodeModel(Buffer.from('not a model at all'))).toThrow(ModelFormatError);
  });

  it('generates the same training set for the same seed, with every label', () => {
    const a = generate(30, 11);
    expect(generate(30, 11)).toEqual(a);
    expect(new Set(a.map((e) => e.label))).toEqual(new Set(LABELS));
    expect(a.some((e) => !e.diacritics)).toBe(true);
  });

  it('keeps the shipped training file in step with the generator', () => {
    const shipped = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'classify', 'train.jsonl'), 'utf8');
    const lines = shipped.trim().split('\n');
    const regenerated = generate(DEFAULT_PER_LABEL, DEFAULT_SEED);
    expect(lines.length).toBe(regenerated.length);
    expect(JSON.parse(lines[0]!)).toEqual(regenerated[0]);
    expect(JSON.parse(lines.at(-1)!)).toEqual(regenerated.at(-1));
  });
});
