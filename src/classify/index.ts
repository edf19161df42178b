/**
 * Public face of the classifier area: Vietnamese normalisation and the "5 không"
 * classifier (in-process, no network, model trained in the repository).
 */
export {
  type Classification,
  type Classifier,
  type ClassifyOptions,
  classify,
  createClassifier,
  CONDUCT_MIN_CONFIDENCE,
  DEFAULT_REVIEW_THRESHOLD,
} from './classifier.ts';
export { type Correction, InvalidCorrection, listCorrections, recordCorrection, type StoredCorrection } from './corrections.ts';
export { CONDUCT_LABELS, isLabelId, LABELS, type LabelId } from './labels.ts';
export { loadModel } from './model.ts';
export { isTopicId, TOPICS, type TopicId } from './topics.ts';
export { foldVietnamese, normalizeTokens, normalizeVietnamese, stripDiacritics } from './normalize.ts';
