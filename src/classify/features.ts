import { CONCEPTS, markConcepts } from './concepts.ts';
import { normalizeTokens, stripDiacritics } from './normalize.ts';

/**
 * Hashed sparse features of a message: word 1–2-grams, concept groups (concepts.ts) and,
 * optionally, character n-grams of the canonical, diacritics-free text. Folding accents
 * away means a message typed without diacritics gets the same word features as the
 * accented one; only concept words that folding would confuse with common words of
 * another meaning use the marks, when the writer typed them (concepts.ts). Hashing keeps
 * the model a fixed size and avoids building strings per n-gram, which is what makes 20k+
 * messages/s possible.
 *
 * Character 2–5-grams were measured and are off by default: on the development corpus they
 * cost about 4 points of accuracy, because on a synthetic training set they mostly learn
 * the templates' spelling rather than the meaning. The model file records its setting.
 */

export const HASH_BITS = 20;
const HASH_MASK = (1 << HASH_BITS) - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Different seeds keep a word and a character n-gram with the same letters apart.
const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;
const SEED_CONCEPT = 0x27d4eb2f;
// A concept stands for a whole group of words, so it counts as much as several n-grams.
const CONCEPT_REPEAT = 1;
const CONCEPT_HASHES = CONCEPTS.map(([name]) => hashString(SEED_CONCEPT, name));
const conceptHits = new Uint8Array(CONCEPTS.length);

export interface FeatureConfig {
  /** Character n-gram lengths, inclusive; `charMax: 0` turns them off. */
  charMin: number;
  charMax: number;
  /**
   * In a message typed with diacritics, concept words written with marks in concepts.ts
   * match only their own spelling ("mắng" not "mang"). Absent in model files written
   * before this option, which were trained with accent-blind concepts: false.
   */
  conceptMarks?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = { charMin: 2, charMax: 0, conceptMarks: true };

function bucket(h: number): number {
  return (h ^ (h >>> 15)) & HASH_MASK;
}

function hashString(seed: number, s: string): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

// A letter with marks anywhere in what was typed (precomposed or combining).
const MARKED_TEXT = /[\u00c0-\u024f\u1e00-\u1eff]|[\u0300-\u036f]/;

/**
 * The folded tokens the features are built from ("?" and "!" kept). `accented`, when
 * given, receives the same tokens before folding if the message was typed with
 * diacritics, and is left empty if it was not. The raw text decides, because teencode
 * expansion ("ko" → "không") adds marks the writer never typed.
 */
export function featureTokens(text: string, accented?: string[]): string[] {
  const tokens = normalizeTokens(text, { keepPunctuation: true });
  if (accented) {
    accented.length = 0;
    if (MARKED_TEXT.test(text)) for (const t of tokens) accented.push(t);
  }
  for (let i = 0; i < tokens.length; i++) tokens[i] = foldToken(tokens[i]!);
  return tokens;
}

const ASCII = /^[ -~]*$/;
// Folding the same words over and over is most of the work; the vocabulary of messages is
// small, so a bounded cache pays for itself at once.
const FOLD_CACHE_MAX = 100_000;
const foldCache = new Map<string, string>();
function foldToken(tok: string): string {
  let folded = foldCache.get(tok);
  if (folded === undefined) {
    folded = ASCII.test(tok) ? tok : stripDiacritics(tok);
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(tok, folded);
  }
  return folded;
}

/**
 * Bucket indices (with repeats) of every feature of `tokens`. `out` is reused between
 * calls to spare the allocator; the returned count says how many entries are valid.
 */
export function hashFeatures(
  tokens: readonly string[],
  out: { buf: Uint32Array },
  config: FeatureConfig = DEFAULT_FEATURES,
  accented?: readonly string[],
): number {
  // Upper bound of the features this call can emit, so the loop below never checks room.
  const joinedLength = tokens.reduce((s, t) => s + t.length + 1, 1);
  const bound = 2 * tokens.length + CONCEPTS.length * CONCEPT_REPEAT + (config.charMax > 0 ? joinedLength * config.charMax : 0);
  if (out.buf.length < bound) out.buf = new Uint32Array(bound * 2);
  const buf = out.buf;
  let n = 0;
  let prev = -1;
  for (const tok of tokens) {
    const h = hashString(SEED_WORD, tok);
    buf[n++] = bucket(h);
    if (prev !== -1) buf[n++] = bucket(Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ h);
    prev = h;
  }
  markConcepts(tokens, conceptHits, config.conceptMarks === true && accented?.length ? accented : undefined);
  for (let c = 0; c < CONCEPTS.length; c++) {
    if (conceptHits[c] === 1) for (let r = 0; r < CONCEPT_REPEAT; r++) buf[n++] = bucket(CONCEPT_HASHES[c]!);
  }
  const joined = config.charMax > 0 ? ` ${tokens.join(' ')} ` : '';
  const len = joined.length;
  for (let i = 0; i < len; i++) {
    let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
    const end = Math.min(len, i + config.charMax);
    for (let j = i; j < end; j++) {
      h = Math.imul(h ^ joined.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 >= config.charMin) buf[n++] = bucket(h);
    }
  }
  return n;
}

/** Convenience for training and tests: the feature buckets of one text. */
export function featuresOf(text: string, config: FeatureConfig = DEFAULT_FEATURES): Uint32Array {
  const out = { buf: new Uint32Array(1024) };
  const accented: string[] = [];
  const n = hashFeatures(featureTokens(text, accented), out, config, accented);
  return out.buf.slice(0, n);
}
