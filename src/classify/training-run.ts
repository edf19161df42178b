import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/index.ts';
import { listCorrections } from './corrections.ts';
import { DEFAULT_FEATURES, type FeatureConfig, featureTokens } from './features.ts';
import { COMPLAINT_LABELS, isLabelId } from './labels.ts';
import { MODEL_PATH } from './model.ts';
import { leaderOnlyAddressed, mentionsLeader } from './rules.ts';
import { DEFAULT_TRAIN_OPTIONS, type TrainingExample, trainModel } from './train.ts';

export const TRAIN_DATA_PATH = join(import.meta.dirname, '..', '..', 'data', 'classify', 'train.jsonl');
// A staff correction is a real message judged by a person: worth several synthetic ones.
const CORRECTION_WEIGHT = 3;

export function readTrainingFile(path: string): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; targets_leader?: unknown };
    if (typeof row.text !== 'string' || !isLabelId(row.label)) throw new Error(`${path}:${i + 1}: needs "text" and a valid "label"`);
    out.push({ text: row.text, label: row.label, targetsLeader: row.targets_leader === true });
  }
  return out;
}

export async function correctionExamples(url: string | undefined, pgliteDir: string): Promise<TrainingExample[]> {
  const db = await openDatabase({ url, pgliteDir });
  try {
    return (await listCorrections(db)).map((c) => {
      const folded = featureTokens(c.text).join(' ');
      const leader =
        c.targetsLeader ??
        (COMPLAINT_LABELS.has(c.correctedLabel) && mentionsLeader(folded) && !leaderOnlyAddressed(folded));
      return { text: c.text, label: c.correctedLabel, targetsLeader: leader, weight: CORRECTION_WEIGHT };
    });
  } finally {
    await db.close();
  }
}

/**
 * `congboc classify train` / `npm run train:classify`: trains from the synthetic set (and
 * staff corrections when asked) and writes the model file. Returns an exit code.
 */
export async function runTraining(args: string[], log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'with-corrections': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'pglite-dir': { type: 'string' },
      data: { type: 'string', default: TRAIN_DATA_PATH },
      out: { type: 'string', default: MODEL_PATH },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      'char-grams': { type: 'string' },
    },
  });
  const examples = readTrainingFile(values.data);
  let corrections: TrainingExample[] = [];
  if (values['with-corrections']) {
    const url = values['database-url'] ?? process.env.DATABASE_URL;
    const dir = values['pglite-dir'] ?? process.env.PGLITE_DIR ?? './data/pglite';
    corrections = await correctionExamples(url || undefined, dir);
    log(`corrections: ${corrections.length} from ${url ? 'PostgreSQL' : `PGlite at ${dir}`}`);
  }
  const opts = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values['char-grams'] ? { features: parseCharGrams(values['char-grams']) } : {}),
  };
  const started = Date.now();
  const model = trainModel([...examples, ...corrections], opts, corrections.length);
  writeFileSync(values.out, model);
  log(`trained on ${examples.length} examples + ${corrections.length} corrections in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out} (${(model.length / 1024).toFixed(0)} KiB)`);
  return 0;
}

/** "2-5" → character 2..5-grams; "0" or "off" → none. */
export function parseCharGrams(spec: string): FeatureConfig {
  if (spec === '0' || spec === 'off') return { ...DEFAULT_FEATURES, charMin: 2, charMax: 0 };
  const m = /^(\d)-(\d)$/.exec(spec);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new Error(`--char-grams must look like 2-5 or off, not "${spec}"`);
  return { ...DEFAULT_FEATURES, charMin: Number(m[1]), charMax: Number(m[2]) };
}
