import { fold, hasMarks, markKey, words } from './fold.ts';
import type { NameHit, NameIndex, ProvinceRef } from './name-index.ts';
import { editDistance, trigrams } from './similarity.ts';
import type {
  AbolishedLevel,
  Commune,
  CommuneChange,
  CommuneKind,
  FormerProvince,
  FormerUnit,
  MatchOptions,
  PlaceCandidate,
  PlaceMatch,
  Province,
} from './types.ts';

/** What the matcher needs from the loaded directory. */
export interface MatchContext {
  readonly index: NameIndex;
  /** Communes reclassified on 30/04/2026, by code. */
  readonly reclassified: ReadonlyMap<string, CommuneChange>;
}

type MarkerKind = CommuneKind | 'province' | 'city' | 'district' | 'town' | 'village';

interface Marker {
  readonly kind: MarkerKind;
  readonly length: number;
  /** How the old unit is called when we name it back to the citizen. */
  readonly label: string;
}

// Words that say what kind of unit follows. Longest first: "thị xã" before "xã".
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

const COMMUNE_MARKERS: ReadonlySet<MarkerKind> = new Set(['xa', 'phuong', 'dac_khu']);
const WEAK_MARKERS: ReadonlySet<string> = new Set(['duong', 'pho', 'to', 'ban', 'ngo', 'ap', 'hem']);
const MAX_TOKENS = 400;
const SHORT_INPUT = 5;
const MAX_SPAN = 5;
/** Candidates within this distance of the best are treated as equally plausible. */
const TIE_MARGIN = 0.08;
const MIN_SCORE = 0.6;
const KIND_MISMATCH = 0.15;
const MARKS_MISMATCH = 0.1;
const UNMARKED = 0.05;
const FUZZY = 0.95;
const FUZZY_EXTRA_EDIT = 0.05;
const FUZZY_MIN_MARKED = 0.74;
const FUZZY_MIN_UNMARKED = 0.8;

interface Token {
  readonly folded: string;
  readonly raw: string;
  /** A comma, bracket or line break comes before this token: a name does not run across it. */
  readonly breakBefore: boolean;
  /** The raw word folds to exactly this token (not split off "p7" or a hyphenated word). */
  readonly whole: boolean;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  /** The kind word right before the span, if any. */
  readonly marker: Marker | undefined;
}

interface Hit {
  readonly commune: Commune;
  readonly score: number;
  readonly span: Span;
  readonly reclassifiedFrom: CommuneChange | undefined;
}

const BREAKS = /[,;()[\]!?\n]+/;

function tokenize(text: string): Token[] {
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
function findMarkers(tokens: readonly Token[], isName: (key: string) => boolean): (Marker | undefined)[] {
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

function markerBefore(markers: readonly (Marker | undefined)[], start: number): Marker | undefined {
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
function regions(markers: readonly (Marker | undefined)[]): boolean[] {
  const out = new Array<boolean>(markers.length).fill(false);
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    if (!m || COMMUNE_MARKERS.has(m.kind) || m.kind === 'province' || m.kind === 'city') continue;
    for (let k = i + m.length; k < Math.min(markers.length, i + m.length + 3) && !markers[k]; k++) out[k] = true;
  }
  return out;
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase());
}

function spanRaw(tokens: readonly Token[], span: Span): string {
  const raws: string[] = [];
  for (let i = span.start; i < span.end; i++) {
    const raw = tokens[i]!.raw;
    if (raws[raws.length - 1] !== raw) raws.push(raw);
  }
  return raws.join(' ');
}

/** Penalty when the citizen typed diacritics that differ from the official name's. */
function marksPenalty(tokens: readonly Token[], span: Span, hit: NameHit): number {
  if (!hit.marks) return 0;
  const typed: string[] = [];
  let anyMarks = false;
  for (let i = span.start; i < span.end; i++) {
    const raw = tokens[i]!.raw;
    if (!tokens[i]!.whole) return 0; // a split word: no one-to-one comparison
    anyMarks ||= hasMarks(raw);
    typed.push(markKey(raw));
  }
  if (!anyMarks || typed.length !== hit.marks.length) return 0;
  return typed.every((m, k) => m === hit.marks![k]) ? 0 : MARKS_MISMATCH;
}

export class Matcher {
  readonly #ctx: MatchContext;
  /** Scratch trigram counters, one per distinct name, left zeroed after each use. */
  readonly #counts: Uint16Array;

  constructor(ctx: MatchContext) {
    this.#ctx = ctx;
    this.#counts = new Uint16Array(ctx.index.names.length);
  }

  match(text: string, opts: MatchOptions = {}): PlaceMatch {
    const limit = Math.max(1, opts.limit ?? 10);
    const tokens = tokenize(text);
    if (tokens.length === 0) return { kind: 'none' };
    const { index } = this.#ctx;
    const markers = findMarkers(tokens, (key) => index.exact.has(key));
    const region = regions(markers);
    const short = tokens.length <= SHORT_INPUT;

    const spans: Span[] = [];
    for (let start = 0; start < tokens.length; start++) {
      const marker = markerBefore(markers, start);
      let key = '';
      for (let end = start + 1; end <= Math.min(tokens.length, start + Math.max(MAX_SPAN, index.longestKey)); end++) {
        if (end - 1 > start && tokens[end - 1]!.breakBefore) break;
        key = key === '' ? tokens[end - 1]!.folded : `${key} ${tokens[end - 1]!.folded}`;
        spans.push({ start, end, key, marker });
      }
    }

    // Provinces first: an unmarked span naming a province is a province, not a commune.
    let provinceSpans: { span: Span; ref: ProvinceRef }[] = [];
    for (const span of spans) {
      if (span.marker && span.marker.kind !== 'province' && span.marker.kind !== 'city') continue;
      const ref = index.provinces.get(span.key);
      if (ref) provinceSpans.push({ span, ref });
    }
    if (provinceSpans.length === 0) {
      for (const span of spans) {
        const eligible = span.marker?.kind === 'province' || span.marker?.kind === 'city' || (short && !span.marker);
        // A real commune name is not a misspelt province ("Vĩnh Phong" is not "Vĩnh Long").
        if (!eligible || span.key.length < 5 || index.exact.has(span.key) || this.#crossesMarker(markers, span)) continue;
        const ref = this.#fuzzyProvince(span.key);
        if (ref) provinceSpans.push({ span, ref });
      }
    }
    const inProvinceSpan = (s: Span): boolean =>
      provinceSpans.some(({ span: p }) => s.start < p.end && p.start < s.end && !(s.marker && COMMUNE_MARKERS.has(s.marker.kind)));

    const hits: Hit[] = [];
    const exactSpans: Span[] = [];
    for (const span of spans) {
      const kind = span.marker?.kind;
      if (kind && !COMMUNE_MARKERS.has(kind)) continue;
      if (!kind && ((span.end - span.start === 1 && !short) || region[span.start])) continue;
      if (inProvinceSpan(span)) continue;
      const plain = index.exact.get(span.key) ?? [];
      // Numbered names are also indexed by their sorted words ("bảo lộc 1" for "1 Bảo Lộc").
      const found = /\d/.test(span.key) ? [...plain, ...(index.exact.get(`#${span.key.split(' ').sort().join(' ')}`) ?? [])] : plain;
      if (found.length === 0) continue;
      exactSpans.push(span);
      for (const h of found) hits.push(this.#hit(span, h.commune, h.weight - marksPenalty(tokens, span, h)));
    }
    // Two provinces named, one of them made of words of a marked commune name ("xã Sơn Tây Hạ tỉnh
    // Quảng Ngãi" folds to "… son tay ha tinh quang ngai"): that one is an accident of folding.
    if (new Set(provinceSpans.map((p) => p.ref.province.code)).size >= 2) {
      const markedNames = exactSpans.filter((s) => s.marker && COMMUNE_MARKERS.has(s.marker.kind));
      const clean = provinceSpans.filter(({ span: p }) => !markedNames.some((s) => s.start < p.end && p.start < s.end));
      if (clean.length > 0) provinceSpans = clean;
    }
    // "xã Tân Hòa Đông" names Tân Hòa Đông, not also Tân Hòa; but in "phường Gò Công Đồng Tháp"
    // the longer "Gò Công Đông" borrows a word of the province and must not hide "Gò Công".
    const overlapsProvince = (s: Span): boolean => provinceSpans.some(({ span: p }) => s.start < p.end && p.start < s.end);
    const longer = exactSpans.filter((s) => !overlapsProvince(s));
    let kept = hits.filter(
      (h) => !longer.some((s) => s.start <= h.span.start && h.span.end <= s.end && s.end - s.start > h.span.end - h.span.start),
    );

    const provinces = provinceSpans.map((p) => p.ref);
    const provinceCodes = new Set(provinces.map((r) => r.province.code as string));
    const inNamedProvince = (h: Hit): boolean => provinceCodes.size === 0 || provinceCodes.has(h.commune.provinceCode);

    // Typos: only where a name is expected (after a kind word) or the whole text is short, and
    // only when no exact name fits (an exact name in another province than the one named counts as none).
    const fitting = kept.filter(inNamedProvince);
    const markedStarts = new Set(fitting.filter((h) => h.span.marker).map((h) => h.span.start));
    // Per start, only the span whose best typo match is closest: "bca ai tay" is one name
    // (Bắc Ái Tây), not also the shorter "bca ai" (Bắc Ái).
    const fuzzyByStart = new Map<number, { top: number; hits: Hit[] }>();
    for (const span of spans) {
      const marked = span.marker !== undefined && COMMUNE_MARKERS.has(span.marker.kind);
      if (marked ? markedStarts.has(span.start) : !short || fitting.length > 0 || span.marker) continue;
      if (span.key.length < 4 || span.key.length > index.longestName + 2 || span.end - span.start > 4) continue;
      const swallowsProvince = provinceSpans.some(({ span: p }) => span.start <= p.start && p.end <= span.end);
      if (swallowsProvince || inProvinceSpan(span) || this.#crossesMarker(markers, span)) continue;
      // A lone syllable is too easily near some name: typos are only sought in longer names.
      if (!marked && (region[span.start] || (span.end - span.start === 1 && tokens.length > 1))) continue;
      for (const [name, sim, distance] of this.#fuzzyNames(span.key, marked ? FUZZY_MIN_MARKED : FUZZY_MIN_UNMARKED)) {
        // Each edit beyond the first costs extra, so one typo away clearly beats two typos away.
        const score = sim * FUZZY - FUZZY_EXTRA_EDIT * (distance - 1);
        const found = (index.exact.get(name) ?? []).filter((h) => h.weight === 1 && inNamedProvince(this.#hit(span, h.commune, 0)));
        const atStart = fuzzyByStart.get(span.start);
        if (found.length === 0 || (atStart && atStart.top > score)) continue;
        if (!atStart || atStart.top < score) fuzzyByStart.set(span.start, { top: score, hits: [] });
        const group = fuzzyByStart.get(span.start)!;
        for (const h of found) group.hits.push(this.#hit(span, h.commune, score));
      }
    }
    for (const { hits: fuzzy } of fuzzyByStart.values()) kept.push(...fuzzy);

    // Once the citizen used a kind word ("xã …"), names found without one are street or village names.
    const isMarked = (h: Hit): boolean => h.span.marker !== undefined && COMMUNE_MARKERS.has(h.span.marker.kind);
    if (kept.some(isMarked)) kept = kept.filter(isMarked);

    let best = this.#bestPerCommune(kept);
    const elsewhere = best;
    if (provinceCodes.size > 0) best = best.filter((h) => provinceCodes.has(h.commune.provinceCode));
    best = best.filter((h) => h.score >= MIN_SCORE);

    if (best.length === 0) {
      const provinceStarts = new Set(provinceSpans.map((p) => p.span.start));
      const abolished = this.#abolished(tokens, markers, provinceStarts, provinces[0]?.province, limit);
      if (abolished) return abolished;
      const first = provinces[0];
      if (!first) return { kind: 'none' };
      const strongest = elsewhere.find((h) => h.score >= MIN_SCORE);
      return {
        kind: 'province_only',
        province: first.province,
        ...(first.former ? { mergedFrom: first.former } : {}),
        ...(strongest ? { unmatched: titleCase(spanRaw(tokens, strongest.span)) } : {}),
        elsewhere: this.#rank(
          elsewhere.filter((h) => h.score >= MIN_SCORE),
          opts,
        )
          .slice(0, limit)
          .map(toCandidate),
      };
    }

    const top = Math.max(...best.map((h) => h.score));
    const contenders = best.filter((h) => h.score >= top - TIE_MARGIN);
    const ranked = this.#rank(contenders, opts).slice(0, limit);

    const reclassified = ranked[0]?.reclassifiedFrom;
    if (reclassified && ranked.length === 1) {
      const former: FormerUnit = { name: reclassified.before.name, until: '2026-04-30', change: 'reclassified' };
      return { kind: 'merged', oldName: former.name, former, candidates: ranked.map(toCandidate) };
    }
    const viaFormer = this.#formerProvinceOf(provinces, ranked);
    if (viaFormer) return { kind: 'merged', oldName: viaFormer.name, former: viaFormer, candidates: ranked.map(toCandidate) };
    if (ranked.length === 1) return { kind: 'unique', candidates: [toCandidate(ranked[0]!)] };
    return { kind: 'ambiguous', candidates: ranked.map(toCandidate) };
  }

  #hit(span: Span, commune: Commune, base: number): Hit {
    let score = base;
    const kind = span.marker?.kind;
    let reclassifiedFrom: CommuneChange | undefined;
    if (kind === undefined) score -= UNMARKED;
    else if (kind !== commune.kind) {
      const change = this.#ctx.reclassified.get(commune.code);
      if (change && change.before.kind === kind) reclassifiedFrom = change;
      else score -= KIND_MISMATCH;
    }
    return { commune, score: Math.max(0, Math.min(1, score)), span, reclassifiedFrom };
  }

  /** True when a kind word lies inside the span, wholly or in part. */
  #crossesMarker(markers: readonly (Marker | undefined)[], span: Span): boolean {
    for (let i = Math.max(0, span.start - 2); i < span.end; i++) {
      const m = markers[i];
      if (m && i + m.length > span.start) return true;
    }
    return false;
  }

  /** Names within typo distance of `key`, found through shared trigrams, best first. */
  #fuzzyNames(key: string, min: number): [name: string, similarity: number, distance: number][] {
    const { index } = this.#ctx;
    const grams = trigrams(key);
    const counts = this.#counts;
    const touched: number[] = [];
    for (const g of grams) {
      for (const id of index.grams.get(g) ?? []) {
        if (counts[id] === 0) touched.push(id);
        counts[id]!++;
      }
    }
    const out: [string, number, number][] = [];
    // Short names share few trigrams even with a single typo, so the bar is lower for them.
    const dice = key.length <= 8 ? 0.25 : 0.35;
    for (const id of touched) {
      const n = counts[id]!;
      counts[id] = 0;
      // Dice coefficient as a cheap filter before the exact edit distance.
      if (2 * n < dice * (grams.length + index.gramCount[id]!)) continue;
      const name = index.names[id]!;
      const longest = Math.max(key.length, name.length);
      const allowed = Math.floor((1 - min) * longest);
      if (Math.abs(key.length - name.length) > allowed) continue;
      const distance = editDistance(key, name, allowed);
      if (distance > allowed) continue;
      const sim = 1 - distance / longest;
      if (sim >= min) out.push([name, sim, distance]);
    }
    return out.sort((a, b) => b[1] - a[1]).slice(0, 20);
  }

  #fuzzyProvince(key: string): ProvinceRef | undefined {
    let best: ProvinceRef | undefined;
    let bestSim = 0;
    for (const [name, ref] of this.#ctx.index.provinces) {
      if (name.length < 5 || Math.abs(name.length - key.length) > 2) continue;
      const sim = 1 - editDistance(key, name, 2) / Math.max(key.length, name.length);
      const allowed = name.length >= 9 ? 0.85 : 0.86;
      if (sim >= allowed && sim > bestSim) {
        best = ref;
        bestSim = sim;
      }
    }
    return best;
  }

  #bestPerCommune(hits: readonly Hit[]): Hit[] {
    const best = new Map<string, Hit>();
    for (const h of hits) {
      const prev = best.get(h.commune.code);
      if (!prev || h.score > prev.score) best.set(h.commune.code, h);
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  #rank(hits: readonly Hit[], opts: MatchOptions): Hit[] {
    const pref = (h: Hit): number =>
      (h.commune.code === opts.preferCommune ? 2 : 0) + (h.commune.provinceCode === opts.preferProvince ? 1 : 0);
    return [...hits].sort((a, b) => pref(b) - pref(a) || b.score - a.score || a.commune.code.localeCompare(b.commune.code));
  }

  #formerProvinceOf(provinces: readonly ProvinceRef[], ranked: readonly Hit[]): FormerProvince | undefined {
    const codes = new Set(ranked.map((h) => h.commune.provinceCode as string));
    const current = new Set(provinces.filter((p) => !p.former).map((p) => p.province.code as string));
    return provinces.find((p) => p.former && codes.has(p.province.code) && !current.has(p.province.code))?.former;
  }

  /** A district, thị trấn or numbered ward named by its word: these no longer exist. */
  #abolished(
    tokens: readonly Token[],
    markers: readonly (Marker | undefined)[],
    provinceStarts: ReadonlySet<number>,
    province: Province | undefined,
    limit: number,
  ): PlaceMatch | undefined {
    for (let i = 0; i < tokens.length; i++) {
      const m = markers[i];
      if (!m) continue;
      const start = i + m.length;
      const first = tokens[start];
      if (!first || provinceStarts.has(start)) continue;
      let level: AbolishedLevel;
      if (m.kind === 'district' || m.kind === 'city') level = 'district';
      else if (m.kind === 'town') level = 'town';
      else if (m.kind === 'phuong' && /^\d+$/.test(first.folded)) level = 'numbered_ward';
      else continue;
      let end = start;
      while (end < tokens.length && end - start < 4 && !markers[end]) end++;
      // The name: the longest run that is a current commune name, else one number or two words.
      let nameEnd = /^\d+$/.test(first.folded) ? start + 1 : Math.min(end, start + 2);
      let hits: readonly NameHit[] = [];
      for (let e = end; e > start; e--) {
        const found = this.#ctx.index.exact.get(
          tokens
            .slice(start, e)
            .map((t) => t.folded)
            .join(' '),
        );
        if (found) {
          nameEnd = e;
          hits = found;
          break;
        }
      }
      const span: Span = { start, end: nameEnd, key: '', marker: m };
      // Name it back in its official spelling when a current commune shares the name.
      const typed = spanRaw(tokens, span);
      const official = words(typed).some(hasMarks) ? undefined : hits.find((h) => h.weight === 1)?.commune.short;
      const oldName = `${m.label} ${official ?? titleCase(typed)}`;
      const candidates = hits
        .filter((h) => h.weight >= 0.9 && (!province || h.commune.provinceCode === province.code))
        .map((h) => ({ commune: h.commune, score: 0.5 }))
        .sort((a, b) => a.commune.code.localeCompare(b.commune.code))
        .slice(0, limit);
      return { kind: 'abolished', oldName, level, ...(province ? { province } : {}), candidates };
    }
    return undefined;
  }
}

function toCandidate(h: Hit): PlaceCandidate {
  const score = Math.round(h.score * 1000) / 1000;
  return h.reclassifiedFrom
    ? { commune: h.commune, score, formerName: h.reclassifiedFrom.before.name }
    : { commune: h.commune, score };
}

