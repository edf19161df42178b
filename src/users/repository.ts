import type { Queryable } from '../db/index.ts';
import { hashPassword } from './password.ts';
import {
  InvalidUser,
  isRole,
  MIN_PASSWORD_LENGTH,
  type NewUser,
  parseEmail,
  type Role,
  scopeFits,
  USERNAME_PATTERN,
  type User,
  type UserScope,
} from './types.ts';

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: string;
  scope_kind: 'commune' | 'province';
  scope_code: string;
  locale: string;
  email: string | null;
  active: boolean;
  must_change_password: boolean;
  created_at: Date | string;
  password_hash?: string;
}

const COLUMNS = `id::text AS id, username, display_name, role, scope_kind, scope_code, locale, email, active,
  must_change_password, created_at`;

function toUser(r: Row): User {
  if (!isRole(r.role)) throw new InvalidUser(`stored user ${r.id} has unknown role ${r.role}`);
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scope: { kind: r.scope_kind, code: r.scope_code },
    locale: r.locale === 'en' ? 'en' : 'vi',
    email: r.email ?? null,
    active: r.active,
    mustChangePassword: r.must_change_password === true,
    createdAt: new Date(r.created_at),
  };
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

function checkNewUser(u: NewUser): void {
  if (!USERNAME_PATTERN.test(normalizeUsername(u.username))) {
    throw new InvalidUser('username: 3–64 characters among a-z 0-9 . _ -');
  }
  if (!u.displayName.trim()) throw new InvalidUser('display name is required');
  if (!scopeFits(u.role, u.scope)) throw new InvalidUser(`role ${u.role} cannot be attached to a ${u.scope.kind}`);
  checkPassword(u.password);
  parseEmail(u.email);
}

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new InvalidUser(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export class DuplicateUsername extends InvalidUser {
  override name = 'DuplicateUsername';
}

export async function createUser(db: Queryable, u: NewUser): Promise<User> {
  checkNewUser(u);
  const hash = await hashPassword(u.password);
  const rows = await db.query<Row>(
    `INSERT INTO users (username, display_name, role, scope_kind, scope_code, password_hash, locale, email, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
    [
      normalizeUsername(u.username),
      u.displayName.trim(),
      u.role,
      u.scope.kind,
      u.scope.code,
      hash,
      u.locale ?? 'vi',
      parseEmail(u.email),
      u.mustChangePassword ?? false,
    ],
  );
  if (!rows[0]) throw new DuplicateUsername(`username "${normalizeUsername(u.username)}" is taken`);
  return toUser(rows[0]);
}

export async function getUser(db: Queryable, id: string): Promise<User | null> {
  if (!/^\d+$/.test(id)) return null;
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** The user and their password hash, for sign-in only. */
export async function findUserForLogin(db: Queryable, username: string): Promise<{ user: User; hash: string } | null> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1`, [
    normalizeUsername(username),
  ]);
  const r = rows[0];
  return r ? { user: toUser(r), hash: r.password_hash! } : null;
}

export async function listUsers(db: Queryable, filter: { scope?: UserScope; activeOnly?: boolean } = {}): Promise<User[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM users
     WHERE ($1::text IS NULL OR (scope_kind = $1 AND scope_code = $2)) AND (NOT $3 OR active)
     ORDER BY scope_kind, scope_code, username`,
    [filter.scope?.kind ?? null, filter.scope?.code ?? null, filter.activeOnly ?? false],
  );
  return rows.map(toUser);
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM users');
  return Number(rows[0]?.n ?? 0);
}

export async function setUserActive(db: Queryable, id: string, active: boolean): Promise<User | null> {
  const rows = await db.query<Row>(
    `UPDATE users SET active = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, active],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * Sets a password. `chosenByOwner: false` (the CLI, an administrator) makes its owner change it
 * at the next sign-in; the owner's own change clears that.
 */
export async function setPassword(db: Queryable, id: string, password: string, opts: { chosenByOwner: boolean }): Promise<boolean> {
  checkPassword(password);
  const rows = await db.query(
    'UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1 RETURNING id',
    [id, await hashPassword(password), !opts.chosenByOwner],
  );
  return rows.length > 0;
}

/** The stored hash, to check the current password before a change. */
export async function passwordHashOf(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [id]);
  return rows[0]?.h ?? null;
}

export async function setRole(db: Queryable, id: string, role: Role, scope: UserScope): Promise<User | null> {
  if (!scopeFits(role, scope)) throw new InvalidUser(`role ${role} cannot be attached to a ${scope.kind}`);
  const rows = await db.query<Row>(
    `UPDATE users SET role = $2, scope_kind = $3, scope_code = $4, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, role, scope.kind, scope.code],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** Sets or clears (null) a user's e-mail address. */
export async function setEmail(db: Queryable, id: string, email: string | null): Promise<User | null> {
  const rows = await db.query<Row>(`UPDATE users SET email = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    id,
    parseEmail(email),
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}
