import { type AccountRecord, deactivateAccount, findAccount, listAccounts, upsertAccount } from '../accounts/index.ts';
import { recordAudit } from '../cases/index.ts';
import type { Platform } from '../channels/types.ts';
import type { Database, Queryable } from '../db/index.ts';
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
  getUser,
  InvalidUser,
  isRole,
  listUsers,
  parseEmail,
  setEmail,
  setUserActive,
  type User,
  type UserScope,
} from '../users/index.ts';
import { actorOf } from './actions.ts';
import { InboxError } from './errors.ts';
import { administers, canManageAccount } from './policy.ts';

/**
 * Administration: staff accounts, channel accounts, and read-only views of the law's data.
 * An administrator sees and changes only what lies inside their reach (`administers`), and
 * every change to an account or a channel is on the audit trail.
 */

function audit(db: Queryable, admin: User, action: string, entity: 'user' | 'channel_account', id: string, details: Record<string, unknown>) {
  return recordAudit(db, { actor: actorOf(admin), action, entity, entityId: id, details, at: new Date() });
}

export function unitName(scope: UserScope): string {
  return (scope.kind === 'commune' ? getCommune(scope.code)?.name : getProvince(scope.code)?.name) ?? scope.code;
}

export function parseUnit(kind: unknown, code: unknown): UserScope {
  const c = typeof code === 'string' ? code.trim() : '';
  if (kind === 'commune' && getCommune(c)) return { kind: 'commune', code: getCommune(c)!.code };
  if (kind === 'province' && getProvince(c)) return { kind: 'province', code: c };
  throw new InboxError('CB_ERR_INVALID_INPUT', 'scope must name an existing commune or province');
}

export async function adminCreateUser(db: Database, admin: User, input: Record<string, unknown>): Promise<User> {
  const role = input.role;
  if (!isRole(role)) throw new InboxError('CB_ERR_INVALID_INPUT', 'unknown role');
  const scope = parseUnit(input.scopeKind, input.scopeCode);
  if (!canManageAccount(admin, { role, scope })) throw new InboxError('CB_ERR_FORBIDDEN', 'outside your administration');
  try {
    return await db.transaction(async (tx) => {
      const user = await createUser(tx, {
        username: String(input.username ?? ''),
        displayName: String(input.displayName ?? ''),
        role,
        scope,
        password: String(input.password ?? ''),
        locale: input.locale === 'en' ? 'en' : 'vi',
        email: typeof input.email === 'string' ? input.email : null,
        // The administrator knows this password: its owner replaces it at the first sign-in.
        mustChangePassword: true,
      });
      await audit(tx, admin, 'user.created', 'user', user.id, { role, scope });
      return user;
    });
  } catch (err) {
    if (err instanceof InvalidUser) throw new InboxError('CB_ERR_INVALID_INPUT', err.message);
    throw err;
  }
}

/** An account this administrator may manage; any other is as if it did not exist. */
async function accountToManage(db: Queryable, admin: User, id: string): Promise<User> {
  const u = /^\d{1,18}$/.test(id) ? await getUser(db, id) : null;
  if (!u || !canManageAccount(admin, u)) throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such user');
  return u;
}

export async function adminSetUserActive(db: Database, admin: User, id: string, active: boolean): Promise<User> {
  if (id === admin.id && !active) throw new InboxError('CB_ERR_CONFLICT', 'an admin cannot disable their own account');
  await accountToManage(db, admin, id);
  return db.transaction(async (tx) => {
    const u = await setUserActive(tx, id, active);
    await audit(tx, admin, active ? 'user.enabled' : 'user.disabled', 'user', id, {});
    return u!;
  });
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

export async function adminSetUserEmail(db: Database, admin: User, id: string, email: unknown): Promise<User> {
  const parsed = adminParseEmail(email);
  await accountToManage(db, admin, id);
  return db.transaction(async (tx) => {
    const u = await setEmail(tx, id, parsed);
    // Whether there is an address, not which: the trail holds no more personal data than needed.
    await audit(tx, admin, 'user.email_changed', 'user', id, { email: parsed !== null });
    return u!;
  });
}

export const adminListUsers = async (db: Queryable, admin: User) => (await listUsers(db)).filter((u) => canManageAccount(admin, u));

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

export const adminListChannels = async (db: Queryable, admin: User) => (await listAccounts(db)).filter((a) => administers(admin, a.scope));

function platformOf(v: unknown): Exclude<Platform, 'local'> {
  if (v === 'zalo' || v === 'messenger') return v;
  throw new InboxError('CB_ERR_INVALID_INPUT', 'platform must be zalo or messenger');
}

export async function adminAddChannel(db: Database, admin: User, input: Record<string, unknown>): Promise<AccountRecord> {
  const externalId = String(input.externalId ?? '').trim();
  if (!/^[0-9]{3,32}$/.test(externalId)) throw new InboxError('CB_ERR_INVALID_INPUT', 'the OA / Page id is digits');
  const platform = platformOf(input.platform);
  const scope = parseUnit(input.scopeKind, input.scopeCode);
  if (!administers(admin, scope)) throw new InboxError('CB_ERR_FORBIDDEN', 'outside your administration');
  // Saving over another unit's Page would hand its citizens to this one.
  const existing = await findAccount(db, platform, externalId);
  if (existing && !administers(admin, existing.scope)) throw new InboxError('CB_ERR_FORBIDDEN', 'this OA / Page belongs to another unit');
  const token = String(input.accessToken ?? '').trim();
  const refresh = String(input.refreshToken ?? '').trim();
  return db.transaction(async (tx) => {
    const saved = await upsertAccount(tx, {
      platform,
      externalId,
      scope,
      name: String(input.name ?? '').trim() || null,
      accessToken: token || null,
      refreshToken: refresh || null,
    });
    // Never the tokens.
    await audit(tx, admin, existing ? 'channel.updated' : 'channel.added', 'channel_account', saved.id, {
      platform,
      externalId,
      scope,
      ...(existing ? { from: existing.scope } : {}),
      tokenGiven: token !== '',
    });
    return saved;
  });
}

export async function adminRemoveChannel(db: Database, admin: User, platform: unknown, externalId: string): Promise<void> {
  const p = platformOf(platform);
  const existing = await findAccount(db, p, externalId);
  if (!existing?.active || !administers(admin, existing.scope)) {
    throw new InboxError('CB_ERR_CASE_NOT_FOUND', 'no such active channel account');
  }
  await db.transaction(async (tx) => {
    await deactivateAccount(tx, p, externalId);
    await audit(tx, admin, 'channel.deactivated', 'channel_account', existing.id, { platform: p, externalId });
  });
}

export interface ServedUnit {
  readonly scope: UserScope;
  readonly channels: number;
  readonly staff: number;
  readonly openCases: number;
  readonly overdueCases: number;
}

/** The units the desk serves inside this administrator's reach, and their open work. */
export async function servedUnits(db: Queryable, admin: User, today: string): Promise<ServedUnit[]> {
  return (await allServedUnits(db, today)).filter((u) => administers(admin, u.scope));
}

/** The units the desk serves: those with a channel account or staff, and their open work. */
async function allServedUnits(db: Queryable, today: string): Promise<ServedUnit[]> {
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
