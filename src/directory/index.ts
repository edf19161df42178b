export {
  CURRENT_FILE,
  communesOfProvince,
  type DirectoryChanges,
  directoryChanges,
  directoryEffective,
  formerProvinces,
  getCommune,
  getProvince,
  listCommunes,
  listProvinces,
  matchPlace,
  parseCommuneCode,
  parseProvinceCode,
} from './directory.ts';
export { fold } from './fold.ts';
export { candidatesJson, describePlaceMatch, type PlaceCandidateJson } from './present.ts';
export type {
  AbolishedLevel,
  Commune,
  CommuneChange,
  CommuneCode,
  CommuneKind,
  FormerProvince,
  FormerUnit,
  MatchOptions,
  PlaceCandidate,
  PlaceMatch,
  Province,
  ProvinceChange,
  ProvinceCode,
  ProvinceKind,
} from './types.ts';
