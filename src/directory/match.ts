import { fold, hasMarks, markKey, words } from './fold.ts';
import type { NameHit, NameIndex, ProvinceRef } from './name-index.ts';
import { editDistance, trigrams } from './similarity.ts';
import {
  COMMUNE_MARKERS,
  findMarkers,
  type Marker,
  markerBefore,
  regions,
  spanRaw,
  type Token,
  titleCase,
  tokenize,
} from './tokens.ts';
import type {
  AbolishedLevel,
  Commune,
  CommuneChange,
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

interface ProvinceSpan {
  readonly span: Span;
  readonly ref: ProvinceRef;
}

interface Parsed {
  readonly tokens: readonly Token[];
  readonly markers: readonly (Marker | undefined)[];
  /** Per token: inside the name after a village/district kind word. */
  readonly region: readonly boolean[];
  /** Short texts ("tan hoa tay ninh") are all name: unmarked words and typos are looked up too. */
  readonly short: boolean;
  /** Every run of up to MAX_SPAN words not crossing a comma. */
  readonly spans: readonly Span[];
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

const isMarked = (h: Hit): boolean => h.span.marker !== undefined && COMMUNE_MARKERS.has(h.span.marker.kind);

/** An unmarked span overlapping a province name is part of that name. */
function inProvinceSpan(s: Span, provinceSpans: readonly ProvinceSpan[]): boolean {
  return !(s.marker && COMMUNE_MARKERS.has(s.marker.kind)) && provinceSpans.some(({ span: p }) => overlaps(s, p));
}

/** True when a kind word lies inside the span, wholly or in part. */
function crossesMarker(markers: readonly (Marker | undefined)[], span: Span): boolean {
  for (let i = Math.max(0, span.start - 2); i < span.end; i++) {
    const m = markers[i];
    if (m && i + m.length > span.start) return true;
  }
  return false;
}

/**
 * Two provinces named, one of them made of words of a marked commune name ("xã Sơn Tây Hạ tỉnh
 * Quảng Ngãi" folds to "… son tay ha tinh quang ngai"): that one is an accident of folding.
 */
function withoutAccidentalProvinces(provinceSpans: ProvinceSpan[], exactSpans: readonly Span[]): ProvinceSpan[] {
  if (new Set(provinceSpans.map((p) => p.ref.province.code)).size < 2) return provinceSpans;
  const markedNames = exactSpans.filter((s) => s.marker && COMMUNE_MARKERS.has(s.marker.kind));
  const clean = provinceSpans.filter(({ span: p }) => !markedNames.some((s) => overlaps(s, p)));
  return clean.length > 0 ? clean : provinceSpans;
}

/** The merged province the text used for the province of the chosen communes, if it used no current name for it. */
function formerProvinceOf(provinces: readonly ProvinceRef[], chosen: readonly Hit[]): FormerProvince | undefined {
  const codes = new Set(chosen.map((h) => h.commune.provinceCode as string));
  const current = new Set(provinces.filter((p) => !p.former).map((p) => p.province.code as string));
  return provinces.find((p) => p.former && codes.has(p.province.code) && !current.has(p.province.code))?.former;
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
    const tokens = tokenize(text);
    if (tokens.length === 0) return { kind: 'none' };
    const parsed = this.#parse(tokens);
    let provinceSpans = this.#withoutCommuneNames(this.#findProvinces(parsed));
    const exact = this.#exactHits(parsed, provinceSpans);
    provinceSpans = withoutAccidentalProvinces(provinceSpans, exact.spans);
    // "xã Tân Hòa Đông" names Tân Hòa Đông, not also Tân Hòa; but in "phường Gò Công Đồng Tháp"
    // the longer "Gò Công Đông" borrows a word of the province and must not hide "Gò Công".
    const longer = exact.spans.filter((s) => !provinceSpans.some(({ span: p }) => overlaps(s, p)));
    let hits = exact.hits.filter(
      (h) => !longer.some((s) => s.start <= h.span.start && h.span.end <= s.end && s.end - s.start > h.span.end - h.span.start),
    );
    hits.push(...this.#typoHits(parsed, provinceSpans, hits));
    // Once the citizen used a kind word ("xã …"), names found without one are street or village names.
    if (hits.some(isMarked)) hits = hits.filter(isMarked);
    return this.#conclude(parsed, provinceSpans, hits, opts);
  }

  #parse(tokens: readonly Token[]): Parsed {
    const { index } = this.#ctx;
    const markers = findMarkers(tokens, (key) => index.exact.has(key));
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
    return { tokens, markers, region: regions(markers), short: tokens.length <= SHORT_INPUT, spans };
  }

  /** An unmarked span naming a province is a province, not a commune; typos only if none is exact. */
  #findProvinces({ spans, markers, short }: Parsed): ProvinceSpan[] {
    const { index } = this.#ctx;
    const found: ProvinceSpan[] = [];
    for (const span of spans) {
      if (span.marker && span.marker.kind !== 'province' && span.marker.kind !== 'city') continue;
      const ref = index.provinces.get(span.key);
      if (ref) found.push({ span, ref });
    }
    if (found.length > 0) return found;
    for (const span of spans) {
      const eligible = span.marker?.kind === 'province' || span.marker?.kind === 'city' || (short && !span.marker);
      // A real commune name is not a misspelt province ("Vĩnh Phong" is not "Vĩnh Long").
      if (!eligible || span.key.length < 5 || index.exact.has(span.key) || crossesMarker(markers, span)) continue;
      const ref = this.#fuzzyProvince(span.key);
      if (ref) found.push({ span, ref });
    }
    return found;
  }

  /**
   * With two provinces named, one may be a commune of the other: in "Hòa Bình, Phú Thọ" Hòa Bình
   * is the phường of Phú Thọ, not the former province (unless the text says "tỉnh Hòa Bình").
   */
  #withoutCommuneNames(found: readonly ProvinceSpan[]): ProvinceSpan[] {
    let kept = [...found];
    for (const candidate of found) {
      if (candidate.span.marker) continue;
      const others = new Set(kept.filter((o) => !overlaps(o.span, candidate.span)).map((o) => o.ref.province.code as string));
      const isCommune = (this.#ctx.index.exact.get(candidate.span.key) ?? []).some(
        (h) =>
          h.weight === 1 &&
          others.has(h.commune.provinceCode) &&
          (candidate.ref.former !== undefined || h.commune.provinceCode !== candidate.ref.province.code),
      );
      if (isCommune) kept = kept.filter((o) => o !== candidate);
    }
    return kept;
  }

  #exactHits({ tokens, spans, region, short }: Parsed, provinceSpans: readonly ProvinceSpan[]): { hits: Hit[]; spans: Span[] } {
    const { index } = this.#ctx;
    const hits: Hit[] = [];
    const found: Span[] = [];
    for (const span of spans) {
      const kind = span.marker?.kind;
      if (kind && !COMMUNE_MARKERS.has(kind)) continue;
      if (!kind && ((span.end - span.start === 1 && !short) || region[span.start])) continue;
      if (inProvinceSpan(span, provinceSpans)) continue;
      const plain = index.exact.get(span.key) ?? [];
      // Numbered names are also indexed by their sorted words ("bảo lộc 1" for "1 Bảo Lộc").
      const named = /\d/.test(span.key) ? [...plain, ...(index.exact.get(`#${span.key.split(' ').sort().join(' ')}`) ?? [])] : plain;
      if (named.length === 0) continue;
      found.push(span);
      for (const h of named) hits.push(this.#hit(span, h.commune, h.weight - marksPenalty(tokens, span, h)));
    }
    return { hits, spans: found };
  }

  /**
   * Typos: only where a name is expected (after a kind word) or the whole text is short, and only
   * when no exact name fits (an exact name in another province than the one named counts as none).
   */
  #typoHits({ tokens, spans, markers, region, short }: Parsed, provinceSpans: readonly ProvinceSpan[], exact: readonly Hit[]): Hit[] {
    const { index } = this.#ctx;
    const codes = new Set(provinceSpans.map((p) => p.ref.province.code as string));
    const inNamedProvince = (c: Commune): boolean => codes.size === 0 || codes.has(c.provinceCode);
    const fitting = exact.filter((h) => inNamedProvince(h.commune));
    const markedStarts = new Set(fitting.filter((h) => h.span.marker).map((h) => h.span.start));
    // Per start, only the span whose best typo match is closest: "bca ai tay" is one name
    // (Bắc Ái Tây), not also the shorter "bca ai" (Bắc Ái).
    const byStart = new Map<number, { top: number; hits: Hit[] }>();
    for (const span of spans) {
      const marked = span.marker !== undefined && COMMUNE_MARKERS.has(span.marker.kind);
      if (marked ? markedStarts.has(span.start) : !short || fitting.length > 0 || span.marker) continue;
      if (span.key.length < 4 || span.key.length > index.longestName + 2 || span.end - span.start > 4) continue;
      const swallowsProvince = provinceSpans.some(({ span: p }) => span.start <= p.start && p.end <= span.end);
      if (swallowsProvince || inProvinceSpan(span, provinceSpans) || crossesMarker(markers, span)) continue;
      // A lone syllable is too easily near some name: typos are only sought in longer names.
      if (!marked && (region[span.start] || (span.end - span.start === 1 && tokens.length > 1))) continue;
      for (const [name, sim, distance] of this.#fuzzyNames(span.key, marked ? FUZZY_MIN_MARKED : FUZZY_MIN_UNMARKED)) {
        // Each edit beyond the first costs extra, so one typo away clearly beats two typos away.
        const score = sim * FUZZY - FUZZY_EXTRA_EDIT * (distance - 1);
        const named = (index.exact.get(name) ?? []).filter((h) => h.weight === 1 && inNamedProvince(h.commune));
        const atStart = byStart.get(span.start);
        if (named.length === 0 || (atStart && atStart.top > score)) continue;
        if (!atStart || atStart.top < score) byStart.set(span.start, { top: score, hits: [] });
        const group = byStart.get(span.start)!;
        for (const h of named) group.hits.push(this.#hit(span, h.commune, score));
      }
    }
    return [...byStart.values()].flatMap((g) => g.hits);
  }

  #conclude({ tokens, markers }: Parsed, provinceSpans: readonly ProvinceSpan[], hits: readonly Hit[], opts: MatchOptions): PlaceMatch {
    const limit = Math.max(1, opts.limit ?? 10);
    const provinces = provinceSpans.map((p) => p.ref);
    const codes = new Set(provinces.map((r) => r.province.code as string));
    const all = this.#bestPerCommune(hits).filter((h) => h.score >= MIN_SCORE);
    const best = codes.size > 0 ? all.filter((h) => codes.has(h.commune.provinceCode)) : all;

    if (best.length === 0) {
      const provinceStarts = new Set(provinceSpans.map((p) => p.span.start));
      const abolished = this.#abolished(tokens, markers, provinceStarts, provinces[0]?.province, limit);
      if (abolished) return abolished;
      const first = provinces[0];
      if (!first) return { kind: 'none' };
      const strongest = all[0];
      return {
        kind: 'province_only',
        province: first.province,
        ...(first.former ? { mergedFrom: first.former } : {}),
        ...(strongest ? { unmatched: this.#nameAsTyped(tokens, strongest) } : {}),
        elsewhere: this.#rank(all, opts).slice(0, limit).map(toCandidate),
      };
    }

    const top = best[0]!.score;
    const contenders = this.#rank(
      best.filter((h) => h.score >= top - TIE_MARGIN),
      opts,
    );
    const shown = contenders.slice(0, limit).map(toCandidate);
    const reclassified = contenders[0]!.reclassifiedFrom;
    if (reclassified && contenders.length === 1) {
      const former: FormerUnit = { name: reclassified.before.name, until: '2026-04-30', change: 'reclassified' };
      return { kind: 'merged', oldName: former.name, former, candidates: shown };
    }
    const viaFormer = formerProvinceOf(provinces, contenders);
    if (viaFormer) return { kind: 'merged', oldName: viaFormer.name, former: viaFormer, candidates: shown };
    if (contenders.length === 1) return { kind: 'unique', candidates: [shown[0]!] };
    return { kind: 'ambiguous', candidates: shown };
  }

  /** The official spelling when the citizen typed the name without diacritics, else their own words. */
  #nameAsTyped(tokens: readonly Token[], hit: Hit): string {
    const typed = spanRaw(tokens, hit.span.start, hit.span.end);
    const exact = hit.span.key === fold(hit.commune.short);
    return exact && !words(typed).some(hasMarks) ? hit.commune.short : titleCase(typed);
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
      const typed = spanRaw(tokens, span.start, span.end);
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

