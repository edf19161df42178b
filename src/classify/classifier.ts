import { featureTokens, hashFeatures } from './features.ts';
import { COMPLAINT_LABELS, INTEGRITY_LABELS, LABELS, type LabelId } from './labels.ts';
import { LEADER_OUTPUT, type LinearModel, loadModel, OUTPUTS, scoreBuckets } from './model.ts';
import { leaderOnlyAddressed, mentionsLeader, moneyWithoutReceipt } from './rules.ts';

export interface Classification {
  /** Primary label. */
  label: LabelId;
  /** Secondary labels (never the primary), most likely first. */
  labels: LabelId[];
  /** Probability of the primary label, 0..1. */
  confidence: number;
  /** The complaint is about the commune's own leaders: route to the province. */
  targetsLeader: boolean;
  /** Confidence below the review threshold: a person should confirm the label. */
  needsReview: boolean;
}

export interface ClassifyOptions {
  /** Below this confidence a classification needs review. Default 0.5. */
  reviewThreshold?: number;
}

export const DEFAULT_REVIEW_THRESHOLD = 0.5;
// A secondary label must be at least this likely to be reported.
const SECONDARY_MIN = 0.15;
// Logit bonus for tham_nhung when money is demanded without a receipt or a bribe is named:
// strong enough to decide close calls, not so strong that praise ("he refused the envelope")
// cannot outweigh it.
const RULE_BONUS = 2;
const THAM_NHUNG = LABELS.indexOf('tham_nhung');

export interface Classifier {
  classify(text: string, opts?: ClassifyOptions): Classification;
}

export function createClassifier(model: LinearModel): Classifier {
  const scratch = { buf: new Uint32Array(2048) };
  const scores = new Float64Array(OUTPUTS);
  const probs = new Float64Array(LABELS.length);
  const accented: string[] = [];
  return {
    classify(text, opts = {}) {
      const threshold = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
      const tokens = featureTokens(text, accented);
      if (tokens.length === 0) {
        return { label: 'khac', labels: [], confidence: 1, targetsLeader: false, needsReview: false };
      }
      const n = hashFeatures(tokens, scratch, model.header.features, accented);
      scoreBuckets(model, scratch.buf, n, scores);
      const folded = tokens.join(' ');
      const money = moneyWithoutReceipt(folded);
      if (money) scores[THAM_NHUNG] = scores[THAM_NHUNG]! + RULE_BONUS;
      let max = -Infinity;
      for (let k = 0; k < LABELS.length; k++) max = Math.max(max, scores[k]!);
      let sum = 0;
      for (let k = 0; k < LABELS.length; k++) {
        probs[k] = Math.exp(scores[k]! - max);
        sum += probs[k]!;
      }
      let best = 0;
      for (let k = 0; k < LABELS.length; k++) {
        probs[k] = probs[k]! / sum;
        if (probs[k]! > probs[best]!) best = k;
      }
      const label = LABELS[best]!;
      const secondary: LabelId[] = [];
      for (let k = 0; k < LABELS.length; k++) if (k !== best && probs[k]! >= SECONDARY_MIN) secondary.push(LABELS[k]!);
      if (secondary.length > 1) secondary.sort((a, b) => probs[LABELS.indexOf(b)]! - probs[LABELS.indexOf(a)]!);
      if (money && label !== 'tham_nhung' && COMPLAINT_LABELS.has(label) && !secondary.includes('tham_nhung')) {
        secondary.push('tham_nhung');
      }
      const confidence = probs[best]!;
      return {
        label,
        labels: secondary,
        confidence,
        targetsLeader: targetsLeader(label, folded, scores[LEADER_OUTPUT]!),
        needsReview: confidence < threshold,
      };
    },
  };
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
