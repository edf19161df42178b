import { readFileSync } from 'node:fs';
import type { Classifier } from './classifier.ts';
import { computeMetrics, type EvalItem, type Metrics } from './evaluate.ts';
import { isLabelId } from './labels.ts';
import { stripDiacritics } from './normalize.ts';
import { isTopicId } from './topics.ts';

export class EvalFileError extends Error {
  override name = 'EvalFileError';
}

/** Reads an evaluation file in the feedback-dev.jsonl format. */
export function readEvalFile(path: string): EvalItem[] {
  const items: EvalItem[] = [];
  for (const [i, raw] of readFileSync(path, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new EvalFileError(`${path}:${i + 1}: not JSON`);
    }
    const { id, text, label } = row;
    if (typeof text !== 'string' || !isLabelId(label)) throw new EvalFileError(`${path}:${i + 1}: needs "text" and a valid "label"`);
    const alsoOk = Array.isArray(row.also_ok) ? row.also_ok.filter(isLabelId) : [];
    items.push({
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : String(i + 1),
      text,
      label,
      alsoOk,
      diacritics: typeof row.diacritics === 'boolean' ? row.diacritics : stripDiacritics(text) !== text,
      targetsLeader: typeof row.targets_leader === 'boolean' ? row.targets_leader : undefined,
      ...(isTopicId(row.topic) ? { topic: row.topic } : {}),
    });
  }
  return items;
}

export interface EvalReport {
  all: Metrics;
  noDiacritics: Metrics;
}

export function evaluate(classifier: Classifier, items: readonly EvalItem[]): EvalReport {
  const predictions = items.map((item) => classifier.classify(item.text));
  const plain = items.flatMap((item, i) => (item.diacritics ? [] : [[item, predictions[i]!] as const]));
  return {
    all: computeMetrics(items, predictions),
    noDiacritics: computeMetrics(
      plain.map(([item]) => item),
      plain.map(([, p]) => p),
    ),
  };
}
