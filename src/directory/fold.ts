/**
 * Text folding for place names. Kept local to the directory (rather than shared with
 * src/classify) so that the index built from the official list and the user's text are
 * always folded by exactly the same rules.
 */

const COMBINING = /[\u0300-\u036f]/g;
// Apostrophes inside names ("Cư M'gar", "B'Lao") are dropped, not turned into spaces, so
// "cu mgar" and "cư m'gar" fold alike.
const APOSTROPHES = /['\u2019\u2018`´]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** NFC, lower case, đ→d, no combining marks, punctuation → single spaces, trimmed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(COMBINING, '')
    .replace(/đ/g, 'd')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** Splits text into word tokens keeping diacritics (lower case, NFC), same boundaries as fold(). */
export function words(text: string): string[] {
  const cleaned = text.normalize('NFC').toLowerCase().replace(APOSTROPHES, '').replace(SEPARATORS, ' ').trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}

/**
 * The diacritics of a word independent of where the tone mark sits: "hoà" and "hòa" give the
 * same key (both spellings are in official use), "hòa" and "hóa" do not.
 */
export function markKey(word: string): string {
  const nfd = word.normalize('NFD').toLowerCase();
  const marks: string[] = [];
  for (const ch of nfd) {
    if (/[\u0300-\u036f]/.test(ch)) marks.push(ch);
    else if (ch === 'đ') marks.push('đ');
  }
  return marks.sort().join('');
}

/** True when the word carries any Vietnamese diacritic (so the writer chose its marks). */
export function hasMarks(word: string): boolean {
  return markKey(word) !== '';
}
