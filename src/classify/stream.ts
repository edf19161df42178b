import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Classifier, ClassifyOptions } from './classifier.ts';

export interface StreamReport {
  classified: number;
  skipped: number;
}

/** Why a line was skipped, for the caller to phrase (and translate). */
export interface Malformed {
  line: number;
  reason: 'not_json' | 'not_object' | 'no_id' | 'no_text';
}

function parseLine(text: string): { id: string; text: string } | Malformed['reason'] {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return 'not_json';
  }
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'not_object';
  const { id, text: body } = row as { id?: unknown; text?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return 'no_id';
  if (typeof body !== 'string') return 'no_text';
  return { id: String(id), text: body };
}

// Output is written in chunks: one write per line would make the syscall the bottleneck.
const FLUSH_AT = 64 * 1024;

/**
 * Reads JSON lines {"id","text"} and writes one JSON line per valid input:
 * {"id","label","labels","confidence","targets_leader","needs_review","topic","topic_confidence"}. Malformed lines are reported
 * through `onMalformed` and skipped; the stream keeps going. Memory stays flat however
 * long the input is: lines are handled as they arrive and output respects backpressure.
 */
export async function classifyStream(
  classifier: Classifier,
  input: Readable,
  output: Writable,
  onMalformed: (m: Malformed) => void,
  opts: ClassifyOptions = {},
): Promise<StreamReport> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = '';
  let lineNo = 0;
  const report: StreamReport = { classified: 0, skipped: 0 };
  const flush = async (): Promise<void> => {
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!output.write(chunk)) await once(output, 'drain');
  };
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') {
      report.skipped++;
      onMalformed({ line: lineNo, reason: parsed });
      continue;
    }
    const c = classifier.classify(parsed.text, opts);
    buffer += `${JSON.stringify({
      id: parsed.id,
      label: c.label,
      labels: c.labels,
      confidence: Math.round(c.confidence * 10_000) / 10_000,
      targets_leader: c.targetsLeader,
      needs_review: c.needsReview,
      topic: c.topic,
      topic_confidence: Math.round(c.topicConfidence * 10_000) / 10_000,
    })}\n`;
    report.classified++;
    if (buffer.length >= FLUSH_AT) await flush();
  }
  await flush();
  return report;
}
