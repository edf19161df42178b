import type { Locale } from '../i18n/index.ts';

/**
 * Vietnamese typed without diacritics is ordinary ("khong co bien lai"), so every comparison
 * with something the citizen typed happens on folded text: NFC, no marks, đ→d, lower case,
 * punctuation as spaces.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const f = fold(text);
  return f === '' ? [] : f.split(' ');
}

// Polite particles and fillers that do not change what a short command means ("hủy ạ", "dừng nhé").
const PARTICLES = new Set(['a', 'ah', 'ak', 'nhe', 'nha', 'di', 'nhe', 'voi', 'giup', 'luon', 'please', 'now']);

function core(text: string): string {
  const w = words(text);
  while (w.length > 1 && PARTICLES.has(w[w.length - 1]!)) w.pop();
  return w.join(' ');
}

/**
 * A short message that is exactly one of the phrases, give or take politeness. "exact" when
 * the diacritics agree too; "folded" when only the folded forms do, which matters because
 * folding merges words: "dung" is both "dừng" (stop) and "đúng" (right).
 */
export function commandMatch(text: string, phrases: readonly string[]): 'exact' | 'folded' | null {
  const c = core(text);
  if (!phrases.some((p) => fold(p) === c)) return null;
  const lower = text.normalize('NFC').toLowerCase();
  return phrases.some((p) => lower.includes(p.normalize('NFC').toLowerCase())) ? 'exact' : 'folded';
}

export function isCommand(text: string, phrases: readonly string[]): boolean {
  return commandMatch(text, phrases) !== null;
}

/** A short message (≤ 7 words) containing one of the phrases as whole words ("cho tôi gặp cán bộ"). */
export function mentionsShort(text: string, phrases: readonly string[]): boolean {
  const w = words(text);
  if (w.length === 0 || w.length > 7) return false;
  const padded = ` ${w.join(' ')} `;
  return phrases.some((p) => padded.includes(` ${fold(p)} `));
}

/** One of the phrases appears in the message as whole words, at any length. */
export function mentionsPhrase(text: string, phrases: readonly string[]): boolean {
  const padded = ` ${fold(text)} `;
  return phrases.some((p) => padded.includes(` ${fold(p)} `));
}

/** The message starts with one of the phrases (commands followed by an argument: "tra cứu PA-…"). */
export function startsWithPhrase(text: string, phrases: readonly string[]): boolean {
  const f = ` ${fold(text)} `;
  return phrases.some((p) => f.startsWith(` ${fold(p)} `));
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  readonly accept?: readonly string[];
}

/**
 * Which option a typed answer means: a tapped value, the number in the numbered list the
 * platform may have shown, the label with or without diacritics, an accepted synonym, or
 * an unambiguous beginning of at least half a label.
 */
export function matchOption<T extends ChoiceOption>(text: string, options: readonly T[]): T | null {
  const raw = text.trim();
  const byValue = options.find((o) => o.value === raw);
  if (byValue) return byValue;
  const f = core(raw);
  if (f === '') return null;
  const num = /^(?:so\s+)?(\d{1,2})$/.exec(f);
  if (num) return options[Number(num[1]) - 1] ?? null;
  const exact = options.find((o) => fold(o.label) === f || (o.accept ?? []).some((a) => fold(a) === f));
  if (exact) return exact;
  if (f.length >= 3) {
    // A beginning must be a fair part of the label: "gui" alone could mean any "Gửi …".
    const prefixed = options.filter((o) => fold(o.label).startsWith(f) && f.length * 2 >= fold(o.label).length);
    if (prefixed.length === 1) return prefixed[0]!;
  }
  return null;
}

// Words that only Vietnamese typed without diacritics uses; short and common on purpose.
const VI_WORDS = new Set(
  'toi minh em anh chi ong ba khong ko k dc duoc xa phuong can bo lam giay bi da roi cua va la nhung gi nay thi cho hoi xin chao cam on ub uy ban nguoi dan thu tuc ho so lai di mot hai ba bon nam lan ngay nhu the nao sao vay oi a nhe voi ve o tai'.split(
    ' ',
  ),
);
const EN_WORDS = new Set(
  'the a an i my me is are was were have has had to of for with and not no yes please hello hi thanks thank you your this that what where when how why can could would want need help about office officer staff commune ward report complaint question case status check'.split(
    ' ',
  ),
);

/**
 * A citizen who writes English gets English. Diacritics settle it for Vietnamese; otherwise
 * the language with clearly more of its common words wins, and unclear text keeps the
 * current language.
 */
export function detectLocale(text: string, current: Locale): Locale {
  if (/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(text.normalize('NFC'))) {
    return 'vi';
  }
  const w = words(text);
  let vi = 0;
  let en = 0;
  for (const x of w) {
    if (VI_WORDS.has(x)) vi++;
    if (EN_WORDS.has(x)) en++;
  }
  if (en >= 2 && en > vi * 2) return 'en';
  // A short English greeting or answer ("Hello", "hi there") with nothing Vietnamese in it.
  if (en >= 1 && vi === 0 && en * 2 >= w.length) return 'en';
  if (vi >= 2 && vi > en) return 'vi';
  return current;
}

/** Vietnamese numbers: 0 or +84, then nine digits (mobile) or ten (a landline 02x…); spaces and dots allowed. */
export function parsePhone(text: string): string | null {
  const digits = text.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+?84|0)(\d{9}|2\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

export function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** The whole message is a case code ("PA-2026-000123"), which can only mean "look it up". */
export function isOnlyCaseCode(text: string): boolean {
  return /^\s*PA[\s-]?\d{4}[\s-]?\d{1,6}\s*[.!?]*\s*$/i.test(text);
}

// Words around a name and a number that are not part of the name ("tên tôi là …, sđt …").
const CONTACT_NOISE = new Set(
  'toi la ten ho va minh em anh chi sdt sđt so dien thoai dt đt phone name my is i am mobile zalo lien he cua day nhe nha a ah ak oi vang da ok'.split(' '),
);

/**
 * Name and phone from one answer: "Trần Văn Nam 0912 345 678", "Lan, sdt 0987654321",
 * "tên tôi là Hoa". `digits` says a number was typed, even if it is no valid phone number.
 */
export function parseContact(text: string): { name: string | null; phone: string | null; digits: boolean } {
  const t = text.normalize('NFC');
  const run = /(?:\+?84|0)[\d\s.-]{8,16}\d/.exec(t);
  const phone = run ? parsePhone(run[0]) : null;
  const digits = /\d{3,}/.test(t.replace(/\s+/g, ''));
  const withoutNumber = (phone && run ? t.replace(run[0], ' ') : t).replace(/[+\d]+/g, ' ');
  const raw = withoutNumber.split(/[^\p{L}']+/u).filter((w) => w !== '');
  let start = 0;
  while (start < raw.length && CONTACT_NOISE.has(fold(raw[start]!))) start++;
  let end = raw.length;
  while (end > start && CONTACT_NOISE.has(fold(raw[end - 1]!))) end--;
  const name = raw.slice(start, end);
  return { name: name.length > 0 && name.length <= 6 ? name.join(' ') : null, phone, digits };
}

/**
 * The first time expression in a text ("sáng thứ 2", "hôm qua", "20/11"), as the citizen wrote
 * it; patterns (flows/lexicon/intents.yaml) are regular expressions over folded text.
 */
export function timePhrase(text: string, patterns: readonly string[]): string | null {
  const folded = fold(text);
  const original = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  for (const p of patterns) {
    const m = new RegExp(`(?:^| )(?:${p})(?= |$)`).exec(folded);
    if (!m) continue;
    const matched = m[0].trim();
    const startWord = folded.slice(0, m.index + m[0].indexOf(matched)).split(' ').filter((w) => w !== '').length;
    const count = matched.split(' ').length;
    const words = original.slice(startWord, startWord + count);
    if (words.length === count) return words.join(' ');
  }
  return null;
}
