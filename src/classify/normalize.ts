/**
 * Vietnamese text normalisation shared by the classifier and the place matcher.
 *
 * Citizens type the same word many ways: NFD from some phone keyboards, old-style tone
 * placement ("hoà", "uỷ") next to the common one ("hòa", "ủy"), no diacritics at all,
 * and teencode ("ko", "dc", "cb", "ub"). Everything downstream compares one canonical form.
 */

import { TEENCODE, TEENCODE_BEFORE_UNIT, UNIT_WORDS } from './teencode.ts';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const TONE = '[\\u0300\\u0301\\u0303\\u0309\\u0323]';
// Old-style placement puts the tone on the second vowel of an open "oa/oe/uy" syllable;
// moving it to the first gives one spelling for "hoà/hòa", "khoẻ/khỏe", "uỷ/ủy". "qu" is
// a consonant cluster, so "quý" is left alone.
const OLD_STYLE_OA_OE = new RegExp(`(?<![qQ])([oO])([aAeE])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');
const OLD_STYLE_UY = new RegExp(`(?<![qQ])([uU])([yY])(${TONE})(?![\\p{L}\\p{M}])`, 'gu');

/** Removes every Vietnamese diacritic (tone and vowel marks) and turns đ/Đ into d/D. Case is kept. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** NFC with one tone placement for "oa/oe/uy" syllables. Case is kept. */
export function canonicalSpelling(text: string): string {
  return text
    .normalize('NFD')
    .replace(OLD_STYLE_OA_OE, '$1$3$2')
    .replace(OLD_STYLE_UY, '$1$3$2')
    .normalize('NFC');
}

// A token is a run of letters (with their marks) and digits, a number written with
// separators ("2/1", "50.000", "1,5"), a single emoji, or a "?" / "!" which carry meaning
// for the classifier (questions vs complaints) but are dropped by normalizeVietnamese.
const TOKEN =
  /\d+(?:[./,:-]\d+)*[\p{L}\p{M}]*|[\p{L}\p{M}\p{N}]+|\p{Extended_Pictographic}|[?!]|[:;]-?[)(DPp]/gu;

const EMOTICONS: Readonly<Record<string, string>> = {
  ':)': '🙂',
  ':-)': '🙂',
  ':(': '🙁',
  ':-(': '🙁',
  ':D': '😀',
  ':-D': '😀',
  ':P': '😛',
  ':p': '😛',
  ';)': '😉',
};

export interface NormalizeOptions {
  /** Keep "?" and "!" as tokens (the classifier uses them). Default false. */
  keepPunctuation?: boolean;
  /** Keep emoji as tokens. Default true. */
  keepEmoji?: boolean;
}

const WORD_START = /[\p{L}\p{N}]/u;

/**
 * Canonical tokens of a message: NFC, lower case, one tone placement, teencode and common
 * abbreviations expanded to full Vietnamese words (with diacritics), emoticons mapped to
 * emoji. Diacritics that the writer left out are not restored: "khong co" stays as typed,
 * so compare `stripDiacritics` of the result when matching regardless of accents.
 */
export function normalizeTokens(text: string, opts: NormalizeOptions = {}): string[] {
  const keepPunctuation = opts.keepPunctuation ?? false;
  const keepEmoji = opts.keepEmoji ?? true;
  const canonical = canonicalSpelling(text).toLowerCase();
  const raw = canonical.match(TOKEN) ?? [];
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let tok = raw[i]!;
    const first = tok[0]!;
    if (!WORD_START.test(first)) {
      if (tok === '?' || tok === '!') {
        if (keepPunctuation) out.push(tok);
        continue;
      }
      const emoticon = EMOTICONS[tok] ?? EMOTICONS[tok.toLowerCase()];
      if (emoticon !== undefined) tok = emoticon;
      if (keepEmoji) out.push(tok);
      continue;
    }
    const next = raw[i + 1];
    const unitExpansion = TEENCODE_BEFORE_UNIT[tok];
    if (unitExpansion !== undefined && next !== undefined && UNIT_WORDS.has(next)) {
      for (const w of unitExpansion.split(' ')) out.push(w);
      continue;
    }
    const expansion = TEENCODE[tok];
    if (expansion !== undefined) {
      for (const w of expansion.split(' ')) out.push(w);
      continue;
    }
    out.push(tok);
  }
  return out;
}

/**
 * The canonical form of a message as one string: `normalizeTokens` joined by single
 * spaces, without punctuation. "Cb UB xã ko cho nộp hồ sơ!!" → "cán bộ ủy ban xã không cho nộp hồ sơ".
 */
export function normalizeVietnamese(text: string, opts: Omit<NormalizeOptions, 'keepPunctuation'> = {}): string {
  return normalizeTokens(text, { ...opts, keepPunctuation: false }).join(' ');
}

/** Canonical, diacritics-free form: what the classifier's features and accent-blind matching use. */
export function foldVietnamese(text: string): string {
  return stripDiacritics(normalizeVietnamese(text));
}
