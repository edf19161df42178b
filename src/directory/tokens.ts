import { fold, words } from './fold.ts';
import type { CommuneKind } from './types.ts';

export type MarkerKind = CommuneKind | 'province' | 'city' | 'district' | 'town' | 'village';

export interface Marker {
  readonly kind: MarkerKind;
  readonly length: number;
  /** How the old unit is called when we name it back to the citizen. */
  readonly label: string;
}

// Words (folded) that say what kind of unit follows; the longest match wins ("thị xã" over "xã").
const MARKERS: ReadonlyArray<readonly [string, MarkerKind, string]> = [
  ['to dan pho', 'village', 'Tổ dân phố'],
  ['dac khu', 'dac_khu', 'Đặc khu'],
  ['thi tran', 'town', 'Thị trấn'],
  ['thi xa', 'district', 'Thị xã'],
  ['thanh pho', 'city', 'Thành phố'],
  ['khu pho', 'village', 'Khu phố'],
  ['xa', 'xa', 'Xã'],
  ['x', 'xa', 'Xã'],
  ['phuong', 'phuong', 'Phường'],
  ['p', 'phuong', 'Phường'],
  ['dk', 'dac_khu', 'Đặc khu'],
  ['tt', 'town', 'Thị trấn'],
  ['tx', 'district', 'Thị xã'],
  ['tp', 'city', 'Thành phố'],
  ['huyen', 'district', 'Huyện'],
  ['h', 'district', 'Huyện'],
  ['quan', 'district', 'Quận'],
  ['q', 'district', 'Quận'],
  ['tinh', 'province', 'Tỉnh'],
  ['thon', 'village', 'Thôn'],
  ['ap', 'village', 'Ấp'],
  ['xom', 'village', 'Xóm'],
  ['ban', 'village', 'Bản'],
  ['khom', 'village', 'Khóm'],
  ['kp', 'village', 'Khu phố'],
  ['to', 'village', 'Tổ'],
  ['duong', 'village', 'Đường'],
  ['pho', 'village', 'Phố'],
  ['ngo', 'village', 'Ngõ'],
  ['hem', 'village', 'Hẻm'],
];
/** First word → kind words starting with it, longest first. */
const MARKERS_BY_FIRST = new Map<string, { parts: string[]; kind: MarkerKind; label: string }[]>();
for (const [phrase, kind, label] of MARKERS) {
  const parts = phrase.split(' ');
  const list = MARKERS_BY_FIRST.get(parts[0]!) ?? [];
  list.push({ parts, kind, label });
  list.sort((a, b) => b.parts.length - a.parts.length);
  MARKERS_BY_FIRST.set(parts[0]!, list);
}

export const COMMUNE_MARKERS: ReadonlySet<MarkerKind> = new Set(['xa', 'phuong', 'dac_khu']);
const WEAK_MARKERS: ReadonlySet<string> = new Set(['duong', 'pho', 'to', 'ban', 'ngo', 'ap', 'hem']);
/** Longer texts are cut: a place is named near the start of a message, and cost stays bounded. */
const MAX_TOKENS = 400;

export interface Token {
  readonly folded: string;
  readonly raw: string;
  /** A comma, bracket or line break comes before this token: a name does not run across it. */
  readonly breakBefore: boolean;
  /** The raw word folds to exactly this token (not split off "p7" or a hyphenated word). */
  readonly whole: boolean;
}


const BREAKS = /[,;()[\]!?\n]+/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const segment of text.split(BREAKS)) {
    let breakBefore = out.length > 0;
    for (const raw of words(segment)) {
      const folded = fold(raw);
      // "p7", "q.3" → "p 7", "q 3": numbered wards and districts are often written glued.
      const glued = /^([pqxh])(\d{1,2})$/.exec(folded);
      const parts = glued ? [glued[1]!, glued[2]!] : folded.split(' ');
      const whole = parts.length === 1;
      for (const part of parts) {
        if (part === '') continue;
        out.push({ folded: part, raw: glued ? part : raw, breakBefore, whole });
        breakBefore = false;
      }
    }
    if (out.length >= MAX_TOKENS) break;
  }
  return out.slice(0, MAX_TOKENS);
}

/**
 * Finds kind words. A word is not a kind word when it starts a name (it follows a kind word) or
 * ends one ("Thượng Quan", "Đơn Dương", "Cô Tô" contain "quận", "đường", "tổ" once folded).
 */
export function findMarkers(tokens: readonly Token[], isName: (key: string) => boolean): (Marker | undefined)[] {
  const at: (Marker | undefined)[] = new Array(tokens.length).fill(undefined);
  const endsName = (i: number): boolean => {
    let key = tokens[i]!.folded;
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      if (tokens[j + 1]!.breakBefore) return false;
      key = `${tokens[j]!.folded} ${key}`;
      if (isName(key)) return true;
    }
    return false;
  };
  // Words that are also common syllables of names ("Dương", "Phố", "Tô", "Bản", "Ngô") count as
  // kind words only outside the few words that follow a commune or province kind word.
  let nameUntil = -1;
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.breakBefore) nameUntil = -1;
    let found: Marker | undefined;
    for (const { parts, kind, label } of MARKERS_BY_FIRST.get(tokens[i]!.folded) ?? []) {
      if (parts.every((p, k) => tokens[i + k]?.folded === p)) {
        found = { kind, length: parts.length, label };
        break;
      }
    }
    if (found && found.length === 1 && (endsName(i) || (WEAK_MARKERS.has(tokens[i]!.folded) && i <= nameUntil))) {
      found = undefined;
    }
    if (found && (COMMUNE_MARKERS.has(found.kind) || found.kind === 'province' || found.kind === 'city')) {
      nameUntil = i + found.length + 3;
    }
    if (found) {
      at[i] = found;
      i += found.length + 1;
    } else i++;
  }
  return at;
}

export function markerBefore(markers: readonly (Marker | undefined)[], start: number): Marker | undefined {
  for (let back = 1; back <= 3; back++) {
    const m = markers[start - back];
    if (m) return m.length === back ? m : undefined;
  }
  return undefined;
}

/**
 * For each token, whether it lies in the name that follows a non-commune kind word ("thôn …",
 * "huyện …"): such a name is a village or an old district, not a commune, even unmarked.
 */
export function regions(markers: readonly (Marker | undefined)[]): boolean[] {
  const out = new Array<boolean>(markers.length).fill(false);
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    if (!m || COMMUNE_MARKERS.has(m.kind) || m.kind === 'province' || m.kind === 'city') continue;
    for (let k = i + m.length; k < Math.min(markers.length, i + m.length + 3) && !markers[k]; k++) out[k] = true;
  }
  return out;
}

export function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase());
}

/** The citizen's own words for tokens [start, end), each raw word once. */
export function spanRaw(tokens: readonly Token[], start: number, end: number): string {
  const raws: string[] = [];
  for (let i = start; i < end; i++) {
    const raw = tokens[i]!.raw;
    if (raws[raws.length - 1] !== raw) raws.push(raw);
  }
  return raws.join(' ');
}

