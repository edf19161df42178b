/**
 * Vietnamese text normalisation shared by the classifier and the place matcher.
 *
 * Citizens type the same word many ways: NFD from some phone keyboards, old-style tone
 * placement ("hoà", "uỷ") next to the common one ("hòa", "ủy"), no diacritics at all,
 * and teencode ("ko", "dc", "cb", "ub"). Everything downstream compares one canonical form.
 */

import { TEENCODE, TEENCODE_BEFORE_UNIT, UNIT_WORDS } from './teencode.ts';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const HAS_COMBINING = /[\u0300-\u036f]/;
const NON_ASCII = /[^\t\n\r -~]/g;

// Precomposed letter → base letter, for every Latin letter with marks (Vietnamese and the
// rest of Latin-1/Extended): built once, so stripping is a table lookup, not NFD + NFC.
const BASE_LETTER: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>([
    ['đ', 'd'],
    ['Đ', 'D'],
  ]);
  for (let cp = 0xc0; cp <= 0x1eff; cp++) {
    const ch = String.fromCodePoint(cp);
    const base = ch.normalize('NFD').replace(COMBINING_MARKS, '');
    if (base !== ch && base.length === 1) map.set(ch, base);
  }
  return map;
})();

/** Removes every Vietnamese diacritic (tone and vowel marks) and turns đ/Đ into d/D. Case is kept. */
export function stripDiacritics(text: string): string {
  if (HAS_COMBINING.test(text)) {
    return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
  }
  return text.replace(NON_ASCII, (ch) => BASE_LETTER.get(ch) ?? ch);
}

// Old-style placement puts the tone on the second vowel of an open "oa/oe/uy" syllable;
// moving it to the first gives one spelling for "hoà/hòa", "khoẻ/khỏe", "uỷ/ủy". "qu" is
// a consonant cluster, so "quý" is left alone. Works on NFC text through a lookup table.
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const OLD_STYLE_PAIRS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const pairs: [string, string][] = [
    ['o', 'a'],
    ['o', 'e'],
    ['u', 'y'],
  ];
  for (const [first, second] of pairs) {
    for (const [f, v] of [
      [first, second],
      [first.toUpperCase(), second],
      [first.toUpperCase(), second.toUpperCase()],
      [first, second.toUpperCase()],
    ] as [string, string][]) {
      for (const tone of TONES) map.set(`${f}${(v + tone).normalize('NFC')}`, `${(f + tone).normalize('NFC')}${v}`);
    }
  }
  return map;
})();
const OLD_STYLE = new RegExp(`(?<![qQ])(?:${[...OLD_STYLE_PAIRS.keys()].join('|')})(?![\\p{L}\\p{M}])`, 'gu');

/** NFC with one tone placement for "oa/oe/uy" syllables. Case is kept. */
export function canonicalSpelling(text: string): string {
  const nfc = HAS_COMBINING.test(text) ? text.normalize('NFC') : text;
  return nfc.replace(OLD_STYLE, (m) => OLD_STYLE_PAIRS.get(m) ?? m);
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
  ':d': '😀',
  ':-d': '😀',
};

export interface NormalizeOptions {
  /** Keep "?" and "!" as tokens (the classifier uses them). Default false. */
  keepPunctuation?: boolean;
  /** Keep emoji as tokens. Default true. */
  keepEmoji?: boolean;
}

const PICTOGRAPHIC = /^\p{Extended_Pictographic}/u;
// Tokens come from TOKEN, so a token is a word unless it starts with punctuation of an
// emoticon or is a pictograph (all above U+2000, where no Vietnamese letter lives).
function isWord(tok: string): boolean {
  const c = tok.charCodeAt(0);
  if (c === 0x3f || c === 0x21 || c === 0x3a || c === 0x3b) return false;
  return c < 0x2000 || !PICTOGRAPHIC.test(tok);
}

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
    if (!isWord(tok)) {
      if (tok === '?' || tok === '!') {
        if (keepPunctuation) out.push(tok);
        continue;
      }
      const emoticon = Object.hasOwn(EMOTICONS, tok) ? EMOTICONS[tok] : undefined;
      if (emoticon !== undefined) tok = emoticon;
      if (keepEmoji) out.push(tok);
      continue;
    }
    const next = raw[i + 1];
    const unitExpansion = TEENCODE_BEFORE_UNIT.get(tok);
    if (unitExpansion !== undefined && next !== undefined && UNIT_WORDS.has(next)) {
      for (const w of unitExpansion) out.push(w);
      continue;
    }
    const expansion = TEENCODE.get(tok);
    if (expansion !== undefined) {
      for (const w of expansion) out.push(w);
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
