/**
 * Cross-seed measurement: for each generator seed, generates a training set in memory,
 * trains a model and evaluates it on an evaluation file, then prints the mean and spread.
 * Only aggregate figures are printed (accuracy, per-label precision/recall, a summed
 * confusion matrix), never a message, so the development corpus can be used to choose
 * between variants without being read. One seed moves the figures by about ±2 points, so
 * a variant is judged by the mean over several.
 *
 *   node scripts/classify/sweep.ts --eval FILE.jsonl [--seeds 1-8] [--per-label 1000]
 *     [--epochs 12] [--l2 1e-5] [--lr 0.4] [--char-grams off] [--concept-marks on|off]
 */
import { parseArgs } from 'node:util';
import { createClassifier } from '../../src/classify/classifier.ts';
import { evaluate, readEvalFile } from '../../src/classify/eval-file.ts';
import { LABELS } from '../../src/classify/labels.ts';
import { decodeModel } from '../../src/classify/model.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../../src/classify/train.ts';
import { parseCharGrams } from '../../src/classify/training-run.ts';
import { DEFAULT_PER_LABEL, generate } from './generate.ts';

const { values } = parseArgs({
  options: {
    eval: { type: 'string' },
    seeds: { type: 'string', default: '1-8' },
    'per-label': { type: 'string', default: String(DEFAULT_PER_LABEL) },
    epochs: { type: 'string' },
    l2: { type: 'string' },
    lr: { type: 'string' },
    nb: { type: 'string' },
    'char-grams': { type: 'string' },
    'concept-marks': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!values.eval) throw new Error('--eval FILE.jsonl is required');

function parseSeeds(spec: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(spec);
  if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
  return spec.split(',').map(Number);
}

const items = readEvalFile(values.eval);
const opts = {
  ...DEFAULT_TRAIN_OPTIONS,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values.l2 ? { l2: Number(values.l2) } : {}),
  ...(values.lr ? { learningRate: Number(values.lr) } : {}),
  ...(values.nb ? { nbWeight: Number(values.nb) } : {}),
};
if (values['char-grams']) opts.features = parseCharGrams(values['char-grams']);
if (values['concept-marks']) opts.features = { ...opts.features, conceptMarks: values['concept-marks'] !== 'off' };
const seeds = parseSeeds(values.seeds);
const acc: number[] = [];
const f1: number[] = [];
const plain: number[] = [];
const leader: number[] = [];
// Accuracy of the messages typed with diacritics, and how far the plain ones are from the whole.
const marked: number[] = [];
const gap: number[] = [];
const recall = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<string, number>;
const precision = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<string, number>;
const confusion = Object.fromEntries(LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))])) as Record<
  string,
  Record<string, number>
>;
for (const seed of seeds) {
  const data = generate(Number(values['per-label']), seed).map((e) => ({ text: e.text, label: e.label, targetsLeader: e.targets_leader }));
  const model = decodeModel(trainModel(data, { ...opts, seed }));
  const report = evaluate(createClassifier(model), items);
  acc.push(report.all.accuracy);
  f1.push(report.all.macroF1);
  plain.push(report.noDiacritics.accuracy);
  leader.push(report.all.leader?.recall ?? Number.NaN);
  const nMarked = report.all.n - report.noDiacritics.n;
  marked.push((report.all.accuracy * report.all.n - report.noDiacritics.accuracy * report.noDiacritics.n) / nMarked);
  gap.push(report.noDiacritics.accuracy - report.all.accuracy);
  for (const l of LABELS) {
    recall[l] = recall[l]! + report.all.perLabel[l].recall / seeds.length;
    precision[l] = precision[l]! + report.all.perLabel[l].precision / seeds.length;
    for (const p of LABELS) confusion[l]![p] = confusion[l]![p]! + report.all.confusion[l][p];
  }
  if (!values.quiet) process.stdout.write(`seed ${seed}: accuracy ${report.all.accuracy.toFixed(3)} macro-F1 ${report.all.macroF1.toFixed(3)}\n`);
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const f = (x: number): string => x.toFixed(3);
process.stdout.write(
  `mean over ${seeds.length} seeds: accuracy ${f(mean(acc))} ±${f(sd(acc))} (min ${f(Math.min(...acc))}, max ${f(Math.max(...acc))})  macro-F1 ${f(mean(f1))}  no-diacritics ${f(mean(plain))}  leader recall ${f(mean(leader))}\n` +
    `  with diacritics ${f(mean(marked))}  gap (no-diacritics - whole) ${f(mean(gap))} ±${f(sd(gap))} (min ${f(Math.min(...gap))}, max ${f(Math.max(...gap))})\n`,
);
if (!values.quiet) {
  process.stdout.write(`${LABELS.map((l) => `${l} P${f(precision[l]!)} R${f(recall[l]!)}`).join('\n')}\n`);
  const short = (l: string): string => l.slice(0, 6).padStart(6);
  process.stdout.write(`summed confusion (rows = gold)\n${''.padEnd(11)}${LABELS.map(short).join(' ')}\n`);
  for (const g of LABELS) process.stdout.write(`${g.padEnd(11)}${LABELS.map((p) => String(confusion[g]![p] || '.').padStart(6)).join(' ')}\n`);
}
