// Staff accounts of the inbox: roles, the unit each one works for, password hashing.
export { dummyHash, hashPassword, verifyPassword } from './password.ts';
export {
  checkPassword,
  countUsers,
  createUser,
  DuplicateUsername,
  findUserForLogin,
  getUser,
  listUsers,
  normalizeUsername,
  passwordHashOf,
  setEmail,
  setPassword,
  setRole,
  setUserActive,
} from './repository.ts';
export {
  EMAIL_PATTERN,
  InvalidUser,
  isRole,
  isUsername,
  MIN_PASSWORD_LENGTH,
  type NewUser,
  parseEmail,
  ROLES,
  type Role,
  scopeFits,
  type User,
  type UserScope,
} from './types.ts';
