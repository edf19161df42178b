import { fold, markKey, words } from './fold.ts';
import { trigrams } from './similarity.ts';
import type { Commune, FormerProvince, Province } from './types.ts';

/** How a key of the index relates to the official name it leads to. */
export interface NameHit {
  readonly commune: Commune;
  /** 1 for the full name; lower for looser keys (word order, half of a hyphenated name…). */
  readonly weight: number;
  /** Diacritic keys of the official name's words, when the key has the same words in order. */
  readonly marks: readonly string[] | undefined;
}

export interface ProvinceRef {
  readonly province: Province;
  readonly former?: FormerProvince;
}

export interface NameIndex {
  /** Folded key → communes it names. */
  readonly exact: ReadonlyMap<string, readonly NameHit[]>;
  /** Distinct folded full names, for typo search. */
  readonly names: readonly string[];
  /** Trigram → ids into `names`. */
  readonly grams: ReadonlyMap<string, readonly number[]>;
  readonly gramCount: readonly number[];
  /** Folded key → province (current names, common aliases, names of merged provinces). */
  readonly provinces: ReadonlyMap<string, ProvinceRef>;
  readonly longestKey: number;
  /** Length in characters of the longest folded name. */
  readonly longestName: number;
}

// Names people commonly use for a province instead of its official short name.
const PROVINCE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '01': ['hn', 'hanoi', 'thu do ha noi'],
  '79': ['hcm', 'hcmc', 'tphcm', 'sai gon', 'saigon', 'sg', 'ho chi minh city'],
  '46': ['thua thien hue', 'tth'],
  '66': ['daklak', 'dac lac', 'dak lac'],
  '31': ['hai phong city'],
};
const FORMER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'Tỉnh Bà Rịa - Vũng Tàu': ['brvt', 'ba ria vung tau'],
  'Tỉnh Đắk Nông': ['daknong', 'dac nong'],
  'Tỉnh Kon Tum': ['kontum'],
  'Tỉnh Bắc Kạn': ['bac can'],
};

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildNameIndex(
  communes: readonly Commune[],
  provinces: readonly Province[],
  former: readonly FormerProvince[],
): NameIndex {
  const exact = new Map<string, NameHit[]>();
  const put = (key: string, hit: NameHit): void => {
    if (key === '') return;
    const list = exact.get(key);
    // One entry per commune and key: keep the strongest way of reaching it.
    const same = list?.findIndex((h) => h.commune.code === hit.commune.code) ?? -1;
    if (list && same >= 0) {
      if (list[same]!.weight < hit.weight) list[same] = hit;
    } else add(exact, key, hit);
  };

  for (const c of communes) {
    const key = fold(c.short);
    const marks = words(c.short).map(markKey);
    put(key, { commune: c, weight: 1, marks });
    const tokens = key.split(' ');
    // "Bảo Lộc 1" for "1 Bảo Lộc": people put the number on either side.
    // Only for numbered names: "Thành Long" and "Long Thành" are different places.
    const sorted = [...tokens].sort().join(' ');
    if (/\d/.test(key)) put(`#${sorted}`, { commune: c, weight: 0.97, marks: undefined });
    // "Xuân Hương" for "Xuân Hương - Đà Lạt", "Lăng Cô" for "Chân Mây - Lăng Cô".
    if (c.short.includes(' - ')) {
      for (const part of c.short.split(' - ')) put(fold(part), { commune: c, weight: 0.9, marks: words(part).map(markKey) });
    }
    // "A Lưới" names all of "A Lưới 1" … "A Lưới 5": a good reason to ask which.
    const stem = tokens.filter((t) => !/^\d+$/.test(t)).join(' ');
    if (stem !== key && stem !== '') put(stem, { commune: c, weight: 0.88, marks: undefined });
  }

  const names = [...new Set(communes.map((c) => fold(c.short)))];
  const grams = new Map<string, number[]>();
  const gramCount: number[] = [];
  names.forEach((name, id) => {
    const gs = trigrams(name);
    gramCount.push(gs.length);
    for (const g of gs) add(grams, g, id);
  });

  const provinceKeys = new Map<string, ProvinceRef>();
  for (const p of provinces) {
    provinceKeys.set(fold(p.short), { province: p });
    for (const alias of PROVINCE_ALIASES[p.code] ?? []) provinceKeys.set(alias, { province: p });
  }
  const byCode = new Map(provinces.map((p) => [p.code as string, p]));
  for (const f of former) {
    const into = byCode.get(f.into)!;
    const short = f.name.replace(/^Tỉnh /, '');
    for (const key of [fold(short), ...(FORMER_ALIASES[f.name] ?? [])]) provinceKeys.set(key, { province: into, former: f });
  }

  let longestKey = 1;
  for (const key of [...exact.keys(), ...provinceKeys.keys()]) longestKey = Math.max(longestKey, key.split(' ').length);
  const longestName = Math.max(...names.map((n) => n.length));
  return { exact, names, grams, gramCount, provinces: provinceKeys, longestKey, longestName };
}
