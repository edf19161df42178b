import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FeatureConfig, HASH_BITS } from './features.ts';
import { LABELS } from './labels.ts';
import { TOPICS } from './topics.ts';

/**
 * A trained linear model over hashed features: one output per label (softmax), one
 * "the leader is the subject" output (sigmoid) and one output per field (softmax). Stored compactly: only buckets that got a
 * weight, weights quantised to 16 bits per output.
 *
 * File layout (little endian): "CBLM" · u32 header length · JSON header · i32 bucket[rows]
 * · i16 weight[rows × outputs] · f32 bias[outputs] · f32 scale[outputs].
 */

export const MODEL_PATH = join(import.meta.dirname, '..', '..', 'data', 'classify', 'model.bin');
export const LEADER_OUTPUT = LABELS.length;
export const TOPIC_OFFSET = LABELS.length + 1;
export const OUTPUTS = TOPIC_OFFSET + TOPICS.length;
const MAGIC = 'CBLM';

/**
 * Softmax temperatures fitted after training on a tuning set, so that a reported
 * confidence of 0.8 is right about 80 % of the time (the synthetic training set alone
 * makes the raw model over-confident on real messages).
 */
export interface Calibration {
  labelTemperature: number;
  topicTemperature: number;
  /** What the temperatures were fitted on, for the record. */
  fittedOn: string;
}

export const UNCALIBRATED: Calibration = { labelTemperature: 1, topicTemperature: 1, fittedOn: 'none' };

export interface ModelHeader {
  version: 2;
  labels: readonly string[];
  topics: readonly string[];
  hashBits: number;
  features: FeatureConfig;
  rows: number;
  /** What it was trained on, for the record. */
  trainedOn: { examples: number; corrections: number; seed: number; epochs: number };
  calibration: Calibration;
}

export interface LinearModel {
  readonly header: ModelHeader;
  /** bucket → row, or -1 when the bucket has no weight. */
  readonly index: Int32Array;
  /** row-major weights, OUTPUTS per row. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export function encodeModel(header: Omit<ModelHeader, 'rows'>, dense: Float32Array, bias: Float32Array): Buffer {
  const buckets: number[] = [];
  const size = 1 << header.hashBits;
  for (let b = 0; b < size; b++) {
    const base = b * OUTPUTS;
    for (let k = 0; k < OUTPUTS; k++) {
      if (dense[base + k] !== 0) {
        buckets.push(b);
        break;
      }
    }
  }
  const scale = new Float32Array(OUTPUTS);
  for (const b of buckets) {
    for (let k = 0; k < OUTPUTS; k++) scale[k] = Math.max(scale[k]!, Math.abs(dense[b * OUTPUTS + k]!));
  }
  for (let k = 0; k < OUTPUTS; k++) scale[k] = scale[k]! / 32767 || 1;
  const full: ModelHeader = { ...header, rows: buckets.length };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const rows = buckets.length;
  const buf = Buffer.alloc(8 + json.length + rows * 4 + rows * OUTPUTS * 2 + OUTPUTS * 8);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(json.length, 4);
  json.copy(buf, 8);
  let off = 8 + json.length;
  for (const b of buckets) {
    buf.writeInt32LE(b, off);
    off += 4;
  }
  for (const b of buckets) {
    for (let k = 0; k < OUTPUTS; k++) {
      buf.writeInt16LE(Math.round(dense[b * OUTPUTS + k]! / scale[k]!), off);
      off += 2;
    }
  }
  for (let k = 0; k < OUTPUTS; k++) {
    buf.writeFloatLE(bias[k]!, off);
    off += 4;
  }
  for (let k = 0; k < OUTPUTS; k++) {
    buf.writeFloatLE(scale[k]!, off);
    off += 4;
  }
  return buf;
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function decodeModel(buf: Buffer): LinearModel {
  if (buf.toString('latin1', 0, 4) !== MAGIC) throw new ModelFormatError('not a classifier model file');
  const jsonLen = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + jsonLen)) as ModelHeader;
  if (
    header.version !== 2 ||
    header.hashBits !== HASH_BITS ||
    header.labels.join() !== LABELS.join() ||
    header.topics?.join() !== TOPICS.join()
  ) {
    throw new ModelFormatError('model file does not match this program (retrain with `npm run train:classify`)');
  }
  const rows = header.rows;
  let off = 8 + jsonLen;
  const index = new Int32Array(1 << HASH_BITS).fill(-1);
  for (let r = 0; r < rows; r++) {
    index[buf.readInt32LE(off)] = r;
    off += 4;
  }
  const quantised = new Int16Array(rows * OUTPUTS);
  for (let i = 0; i < quantised.length; i++) {
    quantised[i] = buf.readInt16LE(off);
    off += 2;
  }
  const bias = new Float32Array(OUTPUTS);
  for (let k = 0; k < OUTPUTS; k++) {
    bias[k] = buf.readFloatLE(off);
    off += 4;
  }
  const scale = new Float32Array(OUTPUTS);
  for (let k = 0; k < OUTPUTS; k++) {
    scale[k] = buf.readFloatLE(off);
    off += 4;
  }
  const weights = new Float32Array(rows * OUTPUTS);
  for (let i = 0; i < weights.length; i++) weights[i] = quantised[i]! * scale[i % OUTPUTS]!;
  return { header, index, weights, bias };
}

export function loadModel(path: string = MODEL_PATH): LinearModel {
  return decodeModel(readFileSync(path));
}

// Reused across calls: scoring is synchronous, and an allocation per message showed in the bench.
const SCRATCH = new Float64Array(OUTPUTS);

/** Raw scores: label logits in LABELS order, the leader logit, then topic logits in TOPICS order. */
export function scoreBuckets(model: LinearModel, buckets: Uint32Array, n: number, out: Float64Array): void {
  const { index, weights, bias } = model;
  const acc = SCRATCH.fill(0);
  for (let i = 0; i < n; i++) {
    const row = index[buckets[i]!]!;
    if (row < 0) continue;
    const base = row * OUTPUTS;
    for (let k = 0; k < OUTPUTS; k++) acc[k] = acc[k]! + weights[base + k]!;
  }
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let k = 0; k < OUTPUTS; k++) out[k] = bias[k]! + acc[k]! * norm;
}
