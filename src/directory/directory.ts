import { diffLists, readFormerProvinces, readUnitList, type UnitList } from './load.ts';
import { Matcher } from './match.ts';
import { buildNameIndex } from './name-index.ts';
import type {
  Commune,
  CommuneChange,
  CommuneCode,
  FormerProvince,
  MatchOptions,
  PlaceMatch,
  Province,
  ProvinceChange,
  ProvinceCode,
} from './types.ts';

export const CURRENT_FILE = 'vn-admin-units-2026.json';
export const PREVIOUS_FILE = 'vn-admin-units-2025.json';

// NSO letter 1027/CTK-CSCL gives Xã Ba Chẽ the code of the old thị trấn; Decision 19/2025 and
// this list use 06978. A citizen or document quoting 06970 means the same commune.
const CODE_ALIASES: Readonly<Record<string, string>> = { '06970': '06978' };

/** What changed on 30/04/2026 relative to the list of 01/07/2025. */
export interface DirectoryChanges {
  readonly effective: string;
  readonly since: string;
  readonly provinces: readonly ProvinceChange[];
  readonly communes: readonly CommuneChange[];
  readonly added: readonly Commune[];
  readonly removed: readonly Commune[];
}

interface State {
  readonly current: UnitList;
  readonly communeByCode: ReadonlyMap<string, Commune>;
  readonly provinceByCode: ReadonlyMap<string, Province>;
  readonly communesByProvince: ReadonlyMap<string, readonly Commune[]>;
  readonly changes: DirectoryChanges;
  readonly formerProvinces: readonly FormerProvince[];
  readonly matcher: Matcher;
}

let state: State | undefined;

function load(): State {
  if (state) return state;
  const current = readUnitList(CURRENT_FILE);
  const previous = readUnitList(PREVIOUS_FILE);
  const communeByCode = new Map(current.communes.map((c) => [c.code as string, c]));
  const provinceByCode = new Map(current.provinces.map((p) => [p.code as string, p]));
  const communesByProvince = new Map<string, Commune[]>();
  for (const c of current.communes) {
    const list = communesByProvince.get(c.provinceCode) ?? [];
    list.push(c);
    communesByProvince.set(c.provinceCode, list);
  }
  const diff = diffLists(previous, current);
  const changes: DirectoryChanges = { effective: current.effective, since: previous.effective, ...diff };
  const formerProvinces = readFormerProvinces(provinceByCode);
  const index = buildNameIndex(current.communes, current.provinces, formerProvinces);
  const reclassified = new Map(diff.communes.filter((c) => c.before.kind !== c.after.kind).map((c) => [c.code as string, c]));
  const matcher = new Matcher({ index, reclassified });
  state = { current, communeByCode, provinceByCode, communesByProvince, changes, formerProvinces, matcher };
  return state;
}

/** Effective date (ISO) of the loaded directory. */
export function directoryEffective(): string {
  return load().current.effective;
}

export function getCommune(code: string): Commune | undefined {
  const s = load();
  return s.communeByCode.get(CODE_ALIASES[code] ?? code);
}

export function getProvince(code: string): Province | undefined {
  return load().provinceByCode.get(code);
}

/** Parses an untrusted string into a code of an existing commune (aliases resolved). */
export function parseCommuneCode(code: string): CommuneCode | undefined {
  return getCommune(code.trim())?.code;
}

export function parseProvinceCode(code: string): ProvinceCode | undefined {
  return getProvince(code.trim())?.code;
}

/** Communes of a province in code order; empty for an unknown code. */
export function communesOfProvince(code: string): readonly Commune[] {
  return load().communesByProvince.get(code) ?? [];
}

export function listProvinces(): readonly Province[] {
  return load().current.provinces;
}

export function listCommunes(): readonly Commune[] {
  return load().current.communes;
}

export function directoryChanges(): DirectoryChanges {
  return load().changes;
}

/** The 29 provinces abolished on 01/07/2025 and the province each is now part of. */
export function formerProvinces(): readonly FormerProvince[] {
  return load().formerProvinces;
}

/** Recognises the commune (and province) a citizen's text names; see PlaceMatch for the outcomes. */
export function matchPlace(text: string, opts?: MatchOptions): PlaceMatch {
  const trimmed = text.trim();
  const byCode = /^\d{5}$/.test(trimmed) ? getCommune(trimmed) : undefined;
  if (byCode) return { kind: 'unique', candidates: [{ commune: byCode, score: 1 }] };
  return load().matcher.match(text, opts);
}
