declare const communeBrand: unique symbol;
declare const provinceBrand: unique symbol;

/** 5-digit NSO code of a commune-level unit that exists in the current directory. */
export type CommuneCode = string & { readonly [communeBrand]: true };
/** 2-digit NSO code of a province-level unit that exists in the current directory. */
export type ProvinceCode = string & { readonly [provinceBrand]: true };

export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';
export type ProvinceKind = 'tinh' | 'thanh_pho';

export interface Province {
  readonly code: ProvinceCode;
  /** Official name with its prefix, e.g. "Tỉnh Tuyên Quang", "Thành phố Hồ Chí Minh". */
  readonly name: string;
  /** Name without the prefix, e.g. "Tuyên Quang". */
  readonly short: string;
  readonly kind: ProvinceKind;
}

export interface Commune {
  readonly code: CommuneCode;
  /** Official name with its prefix, e.g. "Xã Tân Hòa", "Phường Ba Đình", "Đặc khu Côn Đảo". */
  readonly name: string;
  /** Name without the prefix, e.g. "Tân Hòa". */
  readonly short: string;
  readonly kind: CommuneKind;
  readonly provinceCode: ProvinceCode;
  readonly provinceName: string;
}

/** A unit that no longer exists under that name, and when it stopped. */
export interface FormerUnit {
  /** Its official name at the time, e.g. "Tỉnh Hà Giang", "Xã Long Thành". */
  readonly name: string;
  /** ISO date from which the unit no longer exists under this name. */
  readonly until: '2025-07-01' | '2026-04-30';
  /** 'merged': absorbed into a larger unit; 'reclassified': same unit, new kind (xã → phường). */
  readonly change: 'merged' | 'reclassified';
}

export interface FormerProvince extends FormerUnit {
  readonly into: ProvinceCode;
}

/** Communes whose kind or name changed on 30/04/2026, derived from the two official lists. */
export interface CommuneChange {
  readonly code: CommuneCode;
  readonly before: { readonly name: string; readonly kind: CommuneKind };
  readonly after: { readonly name: string; readonly kind: CommuneKind };
}

export interface ProvinceChange {
  readonly code: ProvinceCode;
  readonly before: { readonly name: string; readonly kind: ProvinceKind };
  readonly after: { readonly name: string; readonly kind: ProvinceKind };
}

export interface PlaceCandidate {
  readonly commune: Commune;
  /** 0..1: 1 is an exact name match in the named province with the right kind word. */
  readonly score: number;
  /** The name the text used when it is this commune's name before 30/04/2026 ("Xã Long Thành"). */
  readonly formerName?: string;
}

/** Which kind of pre-2025 unit the text named by its word ("huyện", "thị trấn", "phường 7"). */
export type AbolishedLevel = 'district' | 'town' | 'numbered_ward';

/**
 * The outcome of matching a citizen's text against the directory; each kind maps to one next
 * step in the conversation:
 * - unique: confirm the one commune;
 * - ambiguous: ask which of the candidates (2 or more);
 * - merged: the text named a unit that was merged or reclassified: explain, then confirm/ask;
 * - abolished: the text named a district/thị trấn/numbered ward that no longer exists: explain
 *   and ask for the commune; candidates are current communes bearing the same name (hints, may be empty);
 * - province_only: only a province was recognised: ask for the commune in it; `unmatched` is the
 *   commune name that was given but is not in that province (possibly merged before 2025);
 * - none: nothing recognised: ask again.
 */
export type PlaceMatch =
  | { readonly kind: 'unique'; readonly candidates: readonly [PlaceCandidate] }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly PlaceCandidate[] }
  | {
      readonly kind: 'merged';
      readonly oldName: string;
      readonly former: FormerUnit;
      readonly candidates: readonly PlaceCandidate[];
    }
  | {
      readonly kind: 'abolished';
      readonly oldName: string;
      readonly level: AbolishedLevel;
      readonly province?: Province;
      readonly candidates: readonly PlaceCandidate[];
    }
  | {
      readonly kind: 'province_only';
      readonly province: Province;
      readonly mergedFrom?: FormerProvince;
      readonly unmatched?: string;
      /** Communes of that name in other provinces. */
      readonly elsewhere: readonly PlaceCandidate[];
    }
  | { readonly kind: 'none' };

export interface MatchOptions {
  readonly preferCommune?: CommuneCode;
  readonly preferProvince?: ProvinceCode;
  /** Maximum number of candidates returned (default 10). */
  readonly limit?: number;
}
