import { getCommune, getProvince } from '../directory/index.ts';
import type { AccountScope } from './scope.ts';

export class UnknownUnit extends Error {
  override name = 'UnknownUnit';
}

const COMMUNE_KIND = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' } as const;
const PROVINCE_KIND = { tinh: 'tỉnh', thanh_pho: 'thành phố' } as const;

/**
 * The name a citizen reads for the unit behind a channel ("UBND phường Ba Đình"), from the
 * official directory. A scope that names no current unit is refused: an OA bound to a commune
 * that no longer exists would route every case nowhere.
 */
export function officialUnitName(scope: AccountScope): string {
  if (scope.kind === 'commune') {
    const c = getCommune(scope.code);
    if (!c) throw new UnknownUnit(`no commune with code ${scope.code} in the current directory`);
    return `UBND ${COMMUNE_KIND[c.kind]} ${c.short}`;
  }
  const p = getProvince(scope.code);
  if (!p) throw new UnknownUnit(`no province with code ${scope.code} in the current directory`);
  return `UBND ${PROVINCE_KIND[p.kind]} ${p.short}`;
}
