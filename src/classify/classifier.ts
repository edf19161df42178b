import { featureTokens, hashFeatures } from './features.ts';
import { COMPLAINT_LABELS, CONDUCT_LABELS, INTEGRITY_LABELS, LABELS, type LabelId } from './labels.ts';
import { LEADER_OUTPUT, type LinearModel, loadModel, OUTPUTS, scoreBuckets, TOPIC_OFFSET } from './model.ts';
import { leaderOnlyAddressed, mentionsLeader, moneyWithoutReceipt } from './rules.ts';
import { TOPICS, type TopicId } from './topics.ts';

export interface Classification {
  /** Primary label. */
  label: LabelId;
  /** Secondary labels (never the primary), most likely first. */
  labels: LabelId[];
  /** Calibrated probability of the primary label, 0..1. */
  confidence: number;
  /** The field (lĩnh vực) the message concerns. */
  topic: TopicId;
  /** Calibrated probability of the field, 0..1. */
  topicConfidence: number;
  /** The complaint is about the commune's own leaders: route to the province. */
  targetsLeader: boolean;
  /**
   * A person should confirm the label: its confidence is below the review threshold, or
   * a conduct label was the model's first choice but too weak to accuse anyone, so a
   * non-conduct label was chosen and the conduct one kept as secondary.
   */
  needsReview: boolean;
}

export interface ClassifyOptions {
  /** Below this confidence a classification needs review. Default 0.5. */
  reviewThreshold?: number;
  /**
   * A conduct label (an accusation of an official) is given only at or above this
   * calibrated confidence; below it the best non-conduct label is chosen and the case
   * needs review. Default CONDUCT_MIN_CONFIDENCE.
   */
  conductThreshold?: number;
}

export const DEFAULT_REVIEW_THRESHOLD = 0.5;
// Wrongly accusing an official is the worst error this product can make, worse than
// filing a real conduct complaint as "khác" for a person to re-label: below this
// calibrated confidence a conduct label is not given. Chosen on the tuning sets
// (data/classify/README.md), never on the independent set.
export const CONDUCT_MIN_CONFIDENCE = 0.4;
// A secondary label must be at least this likely to be reported.
const SECONDARY_MIN = 0.15;
// Logit bonus for tham_nhung when money is demanded without a receipt or a bribe is named:
// strong enough to decide close calls, not so strong that praise ("he refused the envelope")
// cannot outweigh it.
const RULE_BONUS = 2;
const THAM_NHUNG = LABELS.indexOf('tham_nhung');

export interface Classifier {
  classify(text: string, opts?: ClassifyOptions): Classification;
  /** Raw logits (labels, leader, fields; see model.ts) before calibration, or null for an empty text. */
  logits(text: string): Float64Array | null;
}

export function createClassifier(model: LinearModel): Classifier {
  const scratch = { buf: new Uint32Array(2048) };
  const scores = new Float64Array(OUTPUTS);
  const probs = new Float64Array(LABELS.length);
  const topicProbs = new Float64Array(TOPICS.length);
  const accented: string[] = [];
  const { labelTemperature, topicTemperature } = model.header.calibration;
  // Fills `scores`; returns the folded text and the money rule's verdict, or null when the
  // text has no words.
  const score = (text: string): { folded: string; money: boolean } | null => {
    const tokens = featureTokens(text, accented);
    if (tokens.length === 0) return null;
    const n = hashFeatures(tokens, scratch, model.header.features, accented);
    scoreBuckets(model, scratch.buf, n, scores);
    const folded = tokens.join(' ');
    const money = moneyWithoutReceipt(folded);
    if (money) scores[THAM_NHUNG] = scores[THAM_NHUNG]! + RULE_BONUS;
    return { folded, money };
  };
  return {
    logits(text) {
      return score(text) ? scores.slice() : null;
    },
    classify(text, opts = {}) {
      const threshold = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
      const conductMin = opts.conductThreshold ?? CONDUCT_MIN_CONFIDENCE;
      const scored = score(text);
      if (!scored) {
        return { label: 'khac', labels: [], confidence: 1, topic: 'khac', topicConfidence: 1, targetsLeader: false, needsReview: false };
      }
      const { folded, money } = scored;
      softmax(scores, 0, LABELS.length, labelTemperature, probs);
      softmax(scores, TOPIC_OFFSET, TOPICS.length, topicTemperature, topicProbs);
      const first = argmax(probs);
      // The leader decision is taken on the model's first choice, even when a weak conduct
      // label is set aside below: routing a possible denunciation of the commune's own
      // leaders away from them is the safe side of a doubt.
      const leader = targetsLeader(LABELS[first]!, folded, scores[LEADER_OUTPUT]!);
      const weakConduct = CONDUCT_LABELS.has(LABELS[first]!) && probs[first]! < conductMin;
      const best = weakConduct ? argmax(probs, (k) => !CONDUCT_LABELS.has(LABELS[k]!)) : first;
      const label = LABELS[best]!;
      const secondary: LabelId[] = [];
      for (let k = 0; k < LABELS.length; k++) if (k !== best && probs[k]! >= SECONDARY_MIN) secondary.push(LABELS[k]!);
      if (secondary.length > 1) secondary.sort((a, b) => probs[LABELS.indexOf(b)]! - probs[LABELS.indexOf(a)]!);
      if (money && label !== 'tham_nhung' && COMPLAINT_LABELS.has(label) && !secondary.includes('tham_nhung')) {
        secondary.push('tham_nhung');
      }
      const confidence = probs[best]!;
      const topic = argmax(topicProbs);
      return {
        label,
        labels: secondary,
        confidence,
        topic: TOPICS[topic]!,
        topicConfidence: topicProbs[topic]!,
        targetsLeader: leader,
        needsReview: weakConduct || confidence < threshold,
      };
    },
  };
}

/** Softmax of scores[offset .. offset+n) divided by a temperature, into out. */
export function softmax(scores: Float64Array, offset: number, n: number, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, scores[offset + k]! / temperature);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    out[k] = Math.exp(scores[offset + k]! / temperature - max);
    sum += out[k]!;
  }
  for (let k = 0; k < n; k++) out[k] = out[k]! / sum;
}

function argmax(xs: Float64Array, allowed: (k: number) => boolean = () => true): number {
  let best = -1;
  for (let k = 0; k < xs.length; k++) if (allowed(k) && (best < 0 || xs[k]! > xs[best]!)) best = k;
  return best;
}

function targetsLeader(label: LabelId, folded: string, leaderScore: number): boolean {
  if (!COMPLAINT_LABELS.has(label) || !mentionsLeader(folded) || leaderOnlyAddressed(folded)) return false;
  return INTEGRITY_LABELS.has(label) || leaderScore > 0;
}

let shared: Classifier | undefined;

/** Classifies one message with the model shipped in data/classify (loaded once, on first use). */
export function classify(text: string, opts?: ClassifyOptions): Classification {
  shared ??= createClassifier(loadModel());
  return shared.classify(text, opts);
}
