import { expectedCalibrationError } from './calibrate.ts';
import { CONDUCT_LABELS, LABELS, type LabelId } from './labels.ts';
import type { TopicId } from './topics.ts';

/** One labelled message of an evaluation file (feedback-dev.jsonl format). */
export interface EvalItem {
  id: string;
  text: string;
  label: LabelId;
  alsoOk: LabelId[];
  /** false when typed without diacritics. */
  diacritics: boolean;
  targetsLeader: boolean | undefined;
  /** The field, when the file gives one. */
  topic?: TopicId;
}

export interface Prediction {
  label: LabelId;
  targetsLeader: boolean;
  confidence: number;
  topic: TopicId;
  needsReview: boolean;
}

export interface LabelStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<LabelId, LabelStats>;
  /** confusion[gold][predicted], gold after crediting acceptable alternatives. */
  confusion: Record<LabelId, Record<LabelId, number>>;
  leader: { tp: number; fp: number; fn: number; precision: number; recall: number } | undefined;
  /** Expected calibration error of the label confidence (10 bins). */
  ece: number;
  /**
   * Messages whose gold label (and every acceptable one) accuses nobody but which got a
   * conduct label: the false accusations. `rate` is over those non-conduct messages.
   */
  falseConduct: { n: number; of: number; rate: number };
  /** Share of predictions flagged for review. */
  reviewRate: number;
  /** Field accuracy over the messages that give a field. */
  topic: { n: number; accuracy: number } | undefined;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Accuracy counts a prediction right when it is the label or one of also_ok. For F1 and
 * the confusion matrix the gold label of such a message is taken to be the (acceptable)
 * prediction, so accepting an alternative never counts as an error anywhere.
 */
export function computeMetrics(items: readonly EvalItem[], predictions: readonly Prediction[]): Metrics {
  const confusion = Object.fromEntries(LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))])) as Record<
    LabelId,
    Record<LabelId, number>
  >;
  let correct = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let leaderKnown = false;
  items.forEach((item, i) => {
    const p = predictions[i]!;
    const ok = p.label === item.label || item.alsoOk.includes(p.label);
    if (ok) correct++;
    const gold = ok ? p.label : item.label;
    confusion[gold][p.label]++;
    if (item.targetsLeader !== undefined) {
      leaderKnown = true;
      if (item.targetsLeader && p.targetsLeader) tp++;
      else if (item.targetsLeader) fn++;
      else if (p.targetsLeader) fp++;
    }
  });
  const nonConduct = items.flatMap((item, i) =>
    [item.label, ...item.alsoOk].some((l) => CONDUCT_LABELS.has(l)) ? [] : [predictions[i]!],
  );
  const falseConduct = nonConduct.filter((p) => CONDUCT_LABELS.has(p.label)).length;
  const withTopic = items.flatMap((item, i) => (item.topic ? [[item.topic, predictions[i]!.topic] as const] : []));
  const perLabel = {} as Record<LabelId, LabelStats>;
  for (const l of LABELS) {
    const hit = confusion[l][l];
    const predicted = LABELS.reduce((s, g) => s + confusion[g][l], 0);
    const support = LABELS.reduce((s, p) => s + confusion[l][p], 0);
    const precision = ratio(hit, predicted);
    const recall = ratio(hit, support);
    perLabel[l] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  }
  // Macro average over the labels present in the gold data, so a tiny file is not
  // penalised for labels it does not contain.
  const present = LABELS.filter((l) => perLabel[l].support > 0);
  return {
    n: items.length,
    accuracy: ratio(correct, items.length),
    macroF1: ratio(
      present.reduce((s, l) => s + perLabel[l].f1, 0),
      present.length,
    ),
    perLabel,
    confusion,
    leader: leaderKnown ? { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) } : undefined,
    ece: expectedCalibrationError(
      predictions.map((p) => p.confidence),
      items.map((item, i) => predictions[i]!.label === item.label || item.alsoOk.includes(predictions[i]!.label)),
    ),
    falseConduct: { n: falseConduct, of: nonConduct.length, rate: ratio(falseConduct, nonConduct.length) },
    reviewRate: ratio(predictions.filter((p) => p.needsReview).length, predictions.length),
    topic: withTopic.length
      ? { n: withTopic.length, accuracy: ratio(withTopic.filter(([g, p]) => g === p).length, withTopic.length) }
      : undefined,
  };
}

export function formatMetrics(title: string, m: Metrics): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  const lines = [
    `== ${title} (n=${m.n})`,
    `accuracy ${pct(m.accuracy)}%   macro-F1 ${pct(m.macroF1)}%   calibration error ${pct(m.ece)}%   flagged for review ${pct(m.reviewRate)}%`,
    `conduct label on a message accusing nobody: ${m.falseConduct.n} of ${m.falseConduct.of} (${pct(m.falseConduct.rate)}%)`,
  ];
  if (m.topic) lines.push(`field accuracy ${pct(m.topic.accuracy)}% (n=${m.topic.n})`);
  if (m.leader) {
    const negatives = m.n - m.leader.tp - m.leader.fn;
    lines.push(
      `targets_leader: recall ${pct(m.leader.recall)}%  precision ${pct(m.leader.precision)}%  false-positive rate ${pct(ratio(m.leader.fp, negatives))}%  (tp ${m.leader.tp}, fp ${m.leader.fp}, fn ${m.leader.fn})`,
    );
  }
  lines.push('', `${'label'.padEnd(11)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(4)}`);
  for (const l of LABELS) {
    const s = m.perLabel[l];
    lines.push(`${l.padEnd(11)} ${pct(s.precision)}% ${pct(s.recall)}% ${pct(s.f1)}% ${String(s.support).padStart(4)}`);
  }
  const short = (l: string): string => l.slice(0, 6).padStart(6);
  lines.push('', `confusion (rows = gold, columns = predicted)`, `${''.padEnd(11)}${LABELS.map(short).join(' ')}`);
  for (const g of LABELS) {
    lines.push(`${g.padEnd(11)}${LABELS.map((p) => String(m.confusion[g][p] || '.').padStart(6)).join(' ')}`);
  }
  return lines.join('\n');
}
