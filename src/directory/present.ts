import { type Locale, t } from '../i18n/index.ts';
import type { Commune, PlaceCandidate, PlaceMatch } from './types.ts';

/** The stable JSON shape of a candidate (CLI output, staff API). */
export interface PlaceCandidateJson {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly score: number;
  /** Present when the text named a merged, reclassified or abolished unit. */
  readonly merged_from?: string;
}

/** The candidate communes of a match, best first; [] when no commune was recognised. */
export function candidatesJson(match: PlaceMatch): PlaceCandidateJson[] {
  const oldName = match.kind === 'merged' || match.kind === 'abolished' ? match.oldName : undefined;
  const list: readonly PlaceCandidate[] =
    match.kind === 'none' || match.kind === 'province_only' ? [] : match.candidates;
  return list.map((c) => ({
    code: c.commune.code,
    name: c.commune.name,
    province: c.commune.provinceName,
    score: c.score,
    ...(c.formerName || oldName ? { merged_from: c.formerName ?? oldName } : {}),
  }));
}

/** "1/7/2025" in Vietnamese, "1 July 2025" in English. */
function formatDate(locale: Locale, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (locale === 'vi') return `${d}/${m}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function full(c: Commune): string {
  return `${c.name}, ${c.provinceName}`;
}

function options(locale: Locale, list: readonly PlaceCandidate[]): string {
  return list.map((c, i) => t(locale, 'directory.option', { n: i + 1, place: full(c.commune) })).join('\n');
}

/** The conversation's next line for a match: a confirmation or a question. */
export function describePlaceMatch(locale: Locale, match: PlaceMatch): string {
  switch (match.kind) {
    case 'unique':
      return t(locale, 'directory.confirm', { place: full(match.candidates[0].commune) });
    case 'ambiguous': {
      const names = new Set(match.candidates.map((c) => c.commune.short));
      const [name] = names;
      return names.size === 1 && name
        ? t(locale, 'directory.ambiguous', { name, options: options(locale, match.candidates) })
        : t(locale, 'directory.ambiguous_mixed', { options: options(locale, match.candidates) });
    }
    case 'merged': {
      const key = match.former.change === 'reclassified' ? 'directory.reclassified' : 'directory.merged';
      const lead = t(locale, key, {
        old: match.oldName,
        new: match.former.change === 'reclassified' ? match.candidates[0]!.commune.name : match.candidates[0]!.commune.provinceName,
        date: formatDate(locale, match.former.until),
      });
      const next =
        match.candidates.length === 1
          ? t(locale, 'directory.confirm', { place: full(match.candidates[0]!.commune) })
          : t(locale, 'directory.which', { options: options(locale, match.candidates) });
      return `${lead} ${next}`;
    }
    case 'abolished': {
      const lead = t(locale, `directory.abolished.${match.level}`, { old: match.oldName });
      if (match.candidates.length === 0) return `${lead} ${t(locale, 'directory.ask_commune')}`;
      return `${lead} ${t(locale, 'directory.maybe', { options: options(locale, match.candidates) })}`;
    }
    case 'province_only': {
      const parts: string[] = [];
      if (match.mergedFrom) {
        parts.push(
          t(locale, 'directory.merged', {
            old: match.mergedFrom.name,
            new: match.province.name,
            date: formatDate(locale, match.mergedFrom.until),
          }),
        );
      }
      if (match.unmatched) parts.push(t(locale, 'directory.not_in_province', { name: match.unmatched, province: match.province.name }));
      parts.push(t(locale, 'directory.ask_commune_in', { province: match.province.name }));
      return parts.join(' ');
    }
    case 'none':
      return t(locale, 'directory.not_found');
  }
}
