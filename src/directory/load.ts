import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Commune,
  CommuneChange,
  CommuneCode,
  CommuneKind,
  FormerProvince,
  Province,
  ProvinceChange,
  ProvinceCode,
  ProvinceKind,
} from './types.ts';

export const DATA_DIR = join(import.meta.dirname, '..', '..', 'data', 'directory');

interface RawUnitList {
  effective: string;
  provinces: { code: string; name: string; short: string; type: string }[];
  communes: { code: string; name: string; short: string; type: string; province: string }[];
}

interface RawFormerProvinces {
  effective: string;
  merged: { name: string; into: string }[];
}

export interface UnitList {
  readonly effective: string;
  readonly provinces: readonly Province[];
  readonly communes: readonly Commune[];
}

const COMMUNE_KINDS: Record<string, CommuneKind> = { xã: 'xa', phường: 'phuong', 'đặc khu': 'dac_khu' };
const PROVINCE_KINDS: Record<string, ProvinceKind> = { tỉnh: 'tinh', 'thành phố trung ương': 'thanh_pho' };

function kindOf<K>(table: Record<string, K>, type: string, where: string): K {
  const kind = table[type.normalize('NFC')];
  if (kind === undefined) throw new Error(`directory: unknown unit type "${type}" in ${where}`);
  return kind;
}

/** Parses one official list; codes are validated here so the rest of the module can trust them. */
export function parseUnitList(raw: RawUnitList, file: string): UnitList {
  const provinces = raw.provinces.map((p): Province => {
    if (!/^\d{2}$/.test(p.code)) throw new Error(`directory: bad province code "${p.code}" in ${file}`);
    return {
      code: p.code as ProvinceCode,
      name: p.name.normalize('NFC'),
      short: p.short.normalize('NFC'),
      kind: kindOf(PROVINCE_KINDS, p.type, file),
    };
  });
  const byCode = new Map(provinces.map((p) => [p.code as string, p]));
  const communes = raw.communes.map((c): Commune => {
    const province = byCode.get(c.province);
    if (!/^\d{5}$/.test(c.code) || !province) throw new Error(`directory: bad commune row ${c.code} in ${file}`);
    return {
      code: c.code as CommuneCode,
      name: c.name.normalize('NFC'),
      short: c.short.normalize('NFC'),
      kind: kindOf(COMMUNE_KINDS, c.type, file),
      provinceCode: province.code,
      provinceName: province.name,
    };
  });
  return { effective: raw.effective, provinces, communes };
}

export function readUnitList(file: string): UnitList {
  return parseUnitList(JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as RawUnitList, file);
}

export function readFormerProvinces(current: ReadonlyMap<string, Province>): FormerProvince[] {
  const raw = JSON.parse(readFileSync(join(DATA_DIR, 'former-provinces.json'), 'utf8')) as RawFormerProvinces;
  return raw.merged.map((m) => {
    const into = current.get(m.into);
    if (!into) throw new Error(`directory: former province ${m.name} merged into unknown ${m.into}`);
    return { name: m.name.normalize('NFC'), into: into.code, until: '2025-07-01', change: 'merged' };
  });
}

/** What changed between two lists that share codes (the 2025 list and the 2026 one). */
export function diffLists(
  before: UnitList,
  after: UnitList,
): { communes: CommuneChange[]; provinces: ProvinceChange[]; added: Commune[]; removed: Commune[] } {
  const oldCommunes = new Map(before.communes.map((c) => [c.code as string, c]));
  const newCodes = new Set(after.communes.map((c) => c.code as string));
  const communes: CommuneChange[] = [];
  const added: Commune[] = [];
  for (const c of after.communes) {
    const old = oldCommunes.get(c.code);
    if (!old) added.push(c);
    else if (old.name !== c.name || old.kind !== c.kind) {
      communes.push({ code: c.code, before: { name: old.name, kind: old.kind }, after: { name: c.name, kind: c.kind } });
    }
  }
  const removed = before.communes.filter((c) => !newCodes.has(c.code));
  const oldProvinces = new Map(before.provinces.map((p) => [p.code as string, p]));
  const provinces: ProvinceChange[] = [];
  for (const p of after.provinces) {
    const old = oldProvinces.get(p.code);
    if (old && (old.name !== p.name || old.kind !== p.kind)) {
      provinces.push({ code: p.code, before: { name: old.name, kind: old.kind }, after: { name: p.name, kind: p.kind } });
    }
  }
  return { communes, provinces, added, removed };
}
