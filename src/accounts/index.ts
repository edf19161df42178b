export {
  type AccountInput,
  type AccountRecord,
  deactivateAccount,
  findAccount,
  getAccount,
  listAccounts,
  saveTokens,
  setAccountHealth,
  type TokenPair,
  upsertAccount,
} from './repository.ts';
export { type AccountScope, formatScope, InvalidScope, parseScope } from './scope.ts';
export { accountsFromEnv } from './from-env.ts';
export { officialUnitName, UnknownUnit } from './official-name.ts';
