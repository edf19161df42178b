import { type AccountRecord, deactivateAccount, listAccounts, upsertAccount } from '../accounts/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import {
  CASE_TYPES,
  holidaysOf,
  LAST_SUPPORTED_YEAR,
  FIRST_SUPPORTED_YEAR,
  makeupWorkingDaysOf,
  timeLimitFor,
} from '../deadlines/index.ts';
import { getCommune, getProvince } from '../directory/index.ts';
import {
  createUser,
  InvalidUser,
  isRole,
  listUsers,
  parseEmail,
  setEmail,
  setUserActive,
  type User,
  type UserScope,
} from '../users/index.ts';
import { InboxError } from './errors.ts';

/** Administration: staff accounts, channel accounts, and read-only views of the law's data. */

export function unitName(scope: UserScope): string {
  return (scope.kind === 'commune' ? getCommune(scope.code)?.name : getProvince(scope.code)?.name) ?? scope.code;
}

export function parseUnit(kind: unknown, code: unknown): UserScope {
  const c = typeof code === 'string' ? code.trim() : '';
  if (kind === 'commune' && getCommune(c)) return { kind: 'commune', code: getCommune(c)!.code };
  if (kind === 'province' && getProvince(c)) return { kind: 'province', code: c };
  throw new InboxError('CB_ERR_INVALID_INPUT', 'scope must name an existing commune or province');
}

export async function adminCreateUser(db: Queryable, input: Record<string, unknown>): Promise<User> {
  const role = input.role;
  if (!isRole(role)) throw new InboxError('CB_ERR_INVALID_INPUT', 'unknown role');
  try {
    return await createUser(db, {
      username: String(input.username ?? ''),
      displayName: String(input.displayName ?? ''),
      role,
      scope: parseUnit(input.scopeKind, input.scopeCode),
      password: String(input.password ?? ''),
      locale: input.locale === 'en' ? 'en' : 'vi',
      email: typeof input.email === 'string' ? input.email : null,
    });
  } catch (err) {
    if (err instanceof InvalidUser) throw new InboxError('CB_ERR_INVALID_INPUT', err.message);
    throw err;
  }
}

export async function adminSetUserActive(db: Queryable, admin: User, id: string, active: boolean): Promise<User> {
  if (id === admin.id && !active) throw new InboxError('CB_ERR_CONFLICT', 'an admin cannot disable their own account');
  const u = /^\d+$/.test(id) ? await setUserActive(db, id, active) : null;
  if (!u) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such user');
  return u;
}

/** An e-mail address from a form or JSON body: null or blank is none. */
export function adminParseEmail(email: unknown): string | null {
  if (email !== null && typeof email !== 'string') throw new InboxError('CB_ERR_INVALID_INPUT', 'email must be a string or null');
  try {
    return parseEmail(email);
  } catch (err) {
    if (err instanceof InvalidUser) throw new InboxError('CB_ERR_INVALID_INPUT', err.message);
    throw err;
  }
}

export async function adminSetUserEmail(db: Queryable, id: string, email: unknown): Promise<User> {
  const parsed = adminParseEmail(email);
  const u = /^\d{1,18}$/.test(id) ? await setEmail(db, id, parsed) : null;
  if (!u) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such user');
  return u;
}

export const adminListUsers = (db: Queryable) => listUsers(db);

export function accountJson(a: AccountRecord) {
  // Tokens never leave the server.
  return {
    id: a.id,
    platform: a.platform,
    externalId: a.externalId,
    scope: a.scope,
    name: a.name,
    active: a.active,
    tokenExpiresAt: a.tokenExpiresAt,
    hasToken: a.accessToken !== null,
  };
}

export const adminListChannels = (db: Queryable) => listAccounts(db);

function platformOf(v: unknown): Exclude<Platform, 'local'> {
  if (v === 'zalo' || v === 'messenger') return v;
  throw new InboxError('CB_ERR_INVALID_INPUT', 'platform must be zalo or messenger');
}

export async function adminAddChannel(db: Queryable, input: Record<string, unknown>): Promise<AccountRecord> {
  const externalId = String(input.externalId ?? '').trim();
  if (!/^[0-9]{3,32}$/.test(externalId)) throw new InboxError('CB_ERR_INVALID_INPUT', 'the OA / Page id is digits');
  const token = String(input.accessToken ?? '').trim();
  const refresh = String(input.refreshToken ?? '').trim();
  return upsertAccount(db, {
    platform: platformOf(input.platform),
    externalId,
    scope: parseUnit(input.scopeKind, input.scopeCode),
    name: String(input.name ?? '').trim() || null,
    accessToken: token || null,
    refreshToken: refresh || null,
  });
}

export async function adminRemoveChannel(db: Queryable, platform: unknown, externalId: string): Promise<void> {
  if (!(await deactivateAccount(db, platformOf(platform), externalId))) {
    throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such active channel account');
  }
}

export interface ServedUnit {
  readonly scope: UserScope;
  readonly channels: number;
  readonly staff: number;
  readonly openCases: number;
  readonly overdueCases: number;
}

/** The units the desk serves: those with a channel account or staff, and their open work. */
export async function servedUnits(db: Queryable, today: string): Promise<ServedUnit[]> {
  const rows = await db.query<{ kind: 'commune' | 'province'; code: string; channels: string; staff: string; open: string; overdue: string }>(
    `WITH units AS (
       SELECT scope_kind AS kind, scope_code AS code FROM channel_accounts WHERE active
       UNION SELECT scope_kind, scope_code FROM users WHERE active)
     SELECT u.kind, u.code,
       (SELECT count(*) FROM channel_accounts a WHERE a.active AND a.scope_kind = u.kind AND a.scope_code = u.code) AS channels,
       (SELECT count(*) FROM users s WHERE s.active AND s.scope_kind = u.kind AND s.scope_code = u.code) AS staff,
       (SELECT count(*) FROM cases c WHERE c.routed_to_kind = u.kind AND c.routed_to_code = u.code
          AND c.status IN ('new', 'in_progress', 'reopened')) AS open,
       (SELECT count(*) FROM cases c WHERE c.routed_to_kind = u.kind AND c.routed_to_code = u.code
          AND c.status IN ('new', 'in_progress', 'reopened') AND c.due_date < $1::date) AS overdue
     FROM units u ORDER BY u.kind DESC, u.code`,
    [today],
  );
  return rows.map((r) => ({
    scope: { kind: r.kind, code: r.code },
    channels: Number(r.channels),
    staff: Number(r.staff),
    openCases: Number(r.open),
    overdueCases: Number(r.overdue),
  }));
}

export function slaTable() {
  return CASE_TYPES.map((t) => timeLimitFor(t));
}

export function holidayTable(year: number) {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new InboxError('CB_ERR_INVALID_INPUT', `year must be ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
  }
  return { year, holidays: holidaysOf(year), workingDays: makeupWorkingDaysOf(year) };
}
