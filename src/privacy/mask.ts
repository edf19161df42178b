/**
 * Finding a citizen's name and phone in free text from JavaScript, for what the database's
 * regular expressions cannot do well: the bare given name staff greet with ("anh Khải"),
 * matched as a whole word in Vietnamese, and masking a value for a viewer without writing it.
 */

export interface KnownContact {
  readonly names: readonly string[];
  readonly phones: readonly string[];
}

const LETTER_OR_DIGIT = '[\\p{L}\\p{M}\\p{N}]';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The last word of a Vietnamese full name: "Phạm Văn Khải" → "Khải" (what "anh Khải" uses). */
export function givenName(name: string): string | null {
  const words = name.normalize('NFC').trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  return words.length > 1 && last.length > 1 ? last : null;
}

function phoneSource(phone: string): string | null {
  const digits = phone.replace(/\D/g, '').replace(/^(84|0)/, '');
  if (digits.length < 6) return null;
  return `(?:\\+?84|0)${[...digits].map((d) => `[\\s.-]*${d}`).join('')}`;
}

/**
 * A function that replaces every mention of the contact with `mark`: full names, given names
 * as whole words (unless `givenNames: false`, for citizens' own texts where a given name like
 * "Hà" is also a place) and phones however typed. Text is compared after NFC normalisation.
 */
export function contactRedactor(contact: KnownContact, mark: string, opts: { givenNames: boolean } = { givenNames: true }): (text: string) => string {
  const names = contact.names.map((n) => n.normalize('NFC').trim()).filter((n) => n.length > 1);
  const words = [...names, ...(opts.givenNames ? names.map(givenName).filter((n): n is string => n !== null) : [])];
  const sources = [
    ...[...new Set(words)].sort((a, b) => b.length - a.length).map((w) => `(?<!${LETTER_OR_DIGIT})${escapeRegex(w)}(?!${LETTER_OR_DIGIT})`),
    ...contact.phones.map(phoneSource).filter((p): p is string => p !== null),
  ];
  if (sources.length === 0) return (text) => text;
  const pattern = new RegExp(sources.join('|'), 'giu');
  return (text) => text.normalize('NFC').replace(pattern, mark);
}

/** `value` with every string in it (objects and arrays walked; dates and other values kept) redacted. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}
