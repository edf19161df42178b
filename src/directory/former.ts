import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fold } from './fold.ts';
import { DATA_DIR } from './load.ts';
import type { Commune, MatchOptions, PlaceCandidate, PlaceMatch, Province } from './types.ts';

/**
 * Communes, districts and provinces as they were until 30/06/2025, and the current communes
 * each became (data/directory/former-units.json). A citizen who still writes "xã Tân Lập,
 * huyện Đan Phượng" is told where that is now: "Xã Tân Lập (huyện Đan Phượng cũ)" and the
 * new commune(s) it went to, within the province they named, or the channel's.
 */

export const FORMER_FILE = 'former-units.json';

const unit = z.object({ code: z.string(), name: z.string(), new: z.union([z.string(), z.array(z.string())]) });
const fileSchema = z.object({
  provinces: z.array(unit.extend({ new: z.string() })),
  districts: z.array(unit.extend({ province: z.string(), new: z.array(z.string()) })),
  communes: z.array(
    unit.extend({ district: z.string(), province: z.string(), new: z.array(z.string()).min(1), aka: z.array(z.string()).optional() }),
  ),
});
type Raw = z.infer<typeof fileSchema>;

// The kind words a citizen puts before a unit's name, folded, longest first.
const COMMUNE_WORDS: readonly [string, string][] = [
  ['thi tran', 'Thị trấn'],
  ['phuong', 'Phường'],
  ['xa', 'Xã'],
  ['tt', 'Thị trấn'],
  ['p', 'Phường'],
  ['x', 'Xã'],
];
const DISTRICT_WORDS = ['thanh pho', 'thi xa', 'huyen', 'quan', 'tp', 'tx', 'h', 'q'];
const PREFIXES = /^(thanh pho|thi tran|thi xa|tinh|huyen|quan|phuong|xa) /;
const MAX_NAME_WORDS = 4;

interface FormerCommune {
  readonly name: string;
  readonly kind: string;
  readonly district: string;
  readonly province: string;
  /** The new province: provinces merged whole, so one for all its communes. */
  readonly newProvince: string;
  readonly into: readonly string[];
}

interface FormerDistrict {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly newProvince: string;
  readonly into: readonly string[];
}

/** What a text said about former units: a commune and/or a district, in a province if named. */
export interface FormerMatch {
  /** A district was named ("huyện Đan Phượng"): the text is an address from before 2025. */
  readonly viaDistrict: boolean;
  readonly match: PlaceMatch;
  /** The communes are in the province the text named or the caller preferred. */
  readonly inPreferred: boolean;
  /** The text itself named a province (current or former). */
  readonly namedProvince: boolean;
}

export class FormerUnits {
  readonly #communes = new Map<string, FormerCommune[]>();
  readonly #districts = new Map<string, FormerDistrict[]>();
  /** Folded province name (current or former, without prefix) → new province code. */
  readonly #provinces = new Map<string, string>();
  readonly #commune: (code: string) => Commune | undefined;
  readonly #province: (code: string) => Province | undefined;

  constructor(raw: Raw, currentProvinces: readonly Province[], commune: (code: string) => Commune | undefined, province: (code: string) => Province | undefined) {
    this.#commune = commune;
    this.#province = province;
    const newProvinceOf = new Map(raw.provinces.map((p) => [p.code, p.new]));
    for (const p of raw.provinces) this.#provinces.set(fold(p.name).replace(PREFIXES, ''), p.new);
    for (const p of currentProvinces) this.#provinces.set(fold(p.short), p.code);
    const districtName = new Map<string, string>();
    for (const d of raw.districts) {
      districtName.set(d.code, d.name);
      const key = fold(d.name).replace(PREFIXES, '');
      const entry = { code: d.code, name: d.name, province: d.province, newProvince: newProvinceOf.get(d.province) ?? d.province, into: d.new };
      this.#districts.set(key, [...(this.#districts.get(key) ?? []), entry]);
    }
    for (const c of raw.communes) {
      const kind = c.name.slice(0, c.name.length - c.name.replace(/^(Thị trấn|Phường|Xã) /, '').length).trim();
      const entry: FormerCommune = {
        name: c.name,
        kind,
        district: c.district,
        province: c.province,
        newProvince: newProvinceOf.get(c.province) ?? c.province,
        into: c.new,
      };
      for (const n of [c.name, ...(c.aka ?? [])]) {
        const key = fold(n).replace(PREFIXES, '');
        const list = this.#communes.get(key) ?? [];
        if (!list.includes(entry)) list.push(entry);
        this.#communes.set(key, list);
      }
    }
  }

  /** Former units named with their kind word ("xã …", "huyện …"); null when none is. */
  match(text: string, opts: MatchOptions = {}): FormerMatch | null {
    // A name never runs across punctuation: "Tân Hòa, thành phố …" is not "Tân Hòa Thành".
    const words: string[] = [];
    const breaks = new Set<number>();
    for (const part of text.split(/[,.;:!?()\n]+/)) {
      breaks.add(words.length);
      words.push(...fold(part).split(' ').filter((w) => w !== ''));
    }
    const used = new Set<number>();
    const communes = this.#named(words, breaks, COMMUNE_WORDS.map(([w]) => w), this.#communes, used, (c, kw) => sameKind(c.kind, kw));
    const districts = this.#named(words, breaks, DISTRICT_WORDS, this.#districts, used, () => true);
    // "phường 1 Gò Vấp": right after an old commune, a district may follow without its word.
    for (let i = 1; i < words.length; i++) {
      if (!used.has(i - 1) || used.has(i) || breaks.has(i)) continue;
      for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 2; n--) {
        const hits = this.#districts.get(words.slice(i, i + n).join(' '));
        if (hits) {
          districts.push(...hits.filter((d) => communes.some((c) => c.district === d.code)));
          for (let k = i; k < i + n; k++) used.add(k);
          break;
        }
      }
    }
    if (communes.length === 0 && districts.length === 0) return null;
    // "phường Điện Biên" names no province: words of a unit's name are not read again.
    const named = this.#namedProvinces(words.map((w, i) => (used.has(i) ? '·' : w)));
    const preferred: ReadonlySet<string> = named.size > 0 ? named : new Set(opts.preferProvince === undefined ? [] : [opts.preferProvince as string]);
    const districtCodes = new Set(districts.map((d) => d.code));
    let found = communes;
    // "xã Tân Lập huyện Đan Phượng": the district says which Tân Lập.
    // A commune of that name but in no district named is another commune: the district decides.
    if (districtCodes.size > 0) found = found.filter((c) => districtCodes.has(c.district));
    if (named.size > 0) found = found.filter((c) => named.has(c.newProvince));
    const inPreferred = found.filter((c) => preferred.has(c.newProvince));
    if (inPreferred.length > 0) found = inPreferred;
    if (found.length > 0) {
      const district = found.length === 1 || new Set(found.map((c) => c.district)).size === 1 ? this.#districtName(found[0]!, districts) : undefined;
      const oldName = district ? `${found[0]!.name} (${lower(district)} cũ)` : found[0]!.name;
      return {
        viaDistrict: districtCodes.size > 0,
        inPreferred: inPreferred.length > 0,
        namedProvince: named.size > 0,
        match: this.#merged(oldName, found.flatMap((c) => c.into), opts),
      };
    }
    let ds = districts;
    if (named.size > 0) ds = ds.filter((d) => named.has(d.newProvince));
    const dsPreferred = ds.filter((d) => preferred.has(d.newProvince));
    if (dsPreferred.length > 0) ds = dsPreferred;
    if (ds.length === 0) return null;
    const province = this.#province(ds[0]!.newProvince);
    const candidates = this.#candidates(
      ds.flatMap((d) => d.into),
      opts,
    );
    return {
      viaDistrict: true,
      inPreferred: dsPreferred.length > 0,
      namedProvince: named.size > 0,
      match: { kind: 'abolished', oldName: ds[0]!.name, level: 'district', ...(province ? { province } : {}), candidates },
    };
  }

  #districtName(c: FormerCommune, mentioned: readonly FormerDistrict[]): string | undefined {
    const d = mentioned.find((x) => x.code === c.district);
    if (d) return d.name;
    for (const list of this.#districts.values()) for (const x of list) if (x.code === c.district) return x.name;
    return undefined;
  }

  #merged(oldName: string, codes: readonly string[], opts: MatchOptions): PlaceMatch {
    return { kind: 'merged', oldName, former: { name: oldName, until: '2025-07-01', change: 'merged' }, candidates: this.#candidates(codes, opts) };
  }

  #candidates(codes: readonly string[], opts: MatchOptions): PlaceCandidate[] {
    const unique = [...new Set(codes)];
    return unique
      .map((code) => this.#commune(code))
      .filter((c): c is Commune => c !== undefined)
      .map((commune) => ({ commune, score: 0.9 }))
      .slice(0, Math.max(1, opts.limit ?? 10));
  }

  /** Units named right after one of their kind words, the longest name first. */
  #named<T>(
    words: readonly string[],
    breaks: ReadonlySet<number>,
    kindWords: readonly string[],
    index: ReadonlyMap<string, T[]>,
    used: Set<number>,
    fits: (unit: T, kindWord: string) => boolean,
  ): T[] {
    const out: T[] = [];
    for (let i = 0; i < words.length; i++) {
      for (const kw of kindWords) {
        if (used.has(i)) break;
        const kwWords = kw.split(' ');
        if (kwWords.some((w, k) => words[i + k] !== w)) continue;
        const start = i + kwWords.length;
        let room = 0;
        while (start + room < words.length && room < MAX_NAME_WORDS && (room === 0 || !breaks.has(start + room))) room++;
        for (let n = room; n >= 1; n--) {
          // A one-word name must carry its own kind ("phường Lâm" is not "Thị trấn Lâm"); a
          // longer one is found whatever kind the citizen remembers.
          const hits = index.get(words.slice(start, start + n).join(' '))?.filter((h) => n > 1 || fits(h, kw));
          if (hits && hits.length > 0) {
            out.push(...hits);
            for (let k = i; k < start + n; k++) used.add(k);
            break;
          }
        }
        break;
      }
    }
    return [...new Set(out)];
  }

  #namedProvinces(words: readonly string[]): ReadonlySet<string> {
    const text = ` ${words.join(' ')} `;
    const out = new Set<string>();
    for (const [name, code] of this.#provinces) if (text.includes(` ${name} `)) out.add(code);
    return out;
  }
}

function sameKind(kind: string, kindWord: string): boolean {
  const said = COMMUNE_WORDS.find(([w]) => w === kindWord)?.[1];
  return said === undefined || said === kind;
}

function lower(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function readFormerUnits(): Raw {
  return fileSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, FORMER_FILE), 'utf8')));
}
