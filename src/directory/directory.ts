import { diffLists, readFormerProvinces, readUnitList, type UnitList } from './load.ts';
import { type FormerMatch, FormerUnits, readFormerUnits } from './former.ts';
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
  const current = load().matcher.match(text, opts);
  const former = formerUnits().match(text, opts);
  return former ? preferCurrentOrFormer(current, former, opts) : current;
}

/**
 * A name that exists today is today's unit, unless the text is plainly an old address (it
 * names a district) or today's units of that name are all outside the province the citizen
 * means while a former unit of that name lies in it ("xã Tân Lập" on the Hà Nội page).
 */
function preferCurrentOrFormer(current: PlaceMatch, former: FormerMatch, opts?: MatchOptions): PlaceMatch {
  const f = former.match;
  if (f.kind !== 'merged' && f.kind !== 'abolished') return current;
  if (f.candidates.length === 0) return current;
  // Today's answer is only a guess by name ("thị trấn Trại Cau" → hint Xã Trại Cau); the
  // record of where that unit went is the answer.
  // "phường 7" alone was in many places: nothing says which.
  const provinces = new Set(f.candidates.map((c) => c.commune.provinceCode as string));
  if (!former.inPreferred && provinces.size > 1 && current.kind !== 'none') return current;
  if (current.kind === 'abolished' && f.kind === 'merged') return f;
  const named = current.kind === 'unique' || current.kind === 'ambiguous' || current.kind === 'merged';
  const exact = named ? current.candidates.filter((c) => c.score >= EXACT) : [];
  const went = new Set(f.candidates.map((c) => c.commune.code as string));
  // Today's unit of that name is where the old one went ("phường Bến Thành quận 1"), or a
  // commune named today beats the district around it ("xã Hoàng Su Phì huyện Hoàng Su Phì").
  const offered = 'candidates' in current ? current.candidates : [];
  // (A district's hints today are a guess by name; the list of where it went is the answer.)
  const hintsOnly = current.kind === 'abolished' && f.kind === 'abolished';
  if (!hintsOnly && offered.some((c) => went.has(c.commune.code))) return current;
  if (f.kind === 'abolished' && current.kind === 'unique' && exact.length > 0) return current;
  if (former.viaDistrict || exact.length === 0) return f;
  // A province named in the text already narrowed today's units to it.
  const inProvince = former.namedProvince || exact.some((c) => !opts?.preferProvince || c.commune.provinceCode === opts.preferProvince);
  return inProvince || !former.inPreferred ? current : f;
}

// A current name typed as written (a typo scores less): it beats a former unit elsewhere.
const EXACT = 0.9;

let former: FormerUnits | undefined;

/** Loaded on first use: most messages name a current unit or none. */
function formerUnits(): FormerUnits {
  former ??= new FormerUnits(readFormerUnits(), listProvinces(), getCommune, getProvince);
  return former;
}
