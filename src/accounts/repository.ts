import type { ChannelAccount, ChannelHealth, Platform } from '../channels/types.ts';
import type { Queryable } from '../db/index.ts';
import { officialUnitName } from './official-name.ts';
import type { AccountScope } from './scope.ts';

export interface AccountRecord extends ChannelAccount {
  readonly scope: AccountScope;
  readonly name: string | null;
  readonly active: boolean;
  readonly health: ChannelHealth;
  readonly healthReason: string | null;
  readonly healthChangedAt: Date | null;
}

export interface AccountInput {
  readonly platform: Platform;
  readonly externalId: string;
  readonly scope: AccountScope;
  readonly name?: string | null;
  readonly accessToken?: string | null;
  readonly refreshToken?: string | null;
  readonly tokenExpiresAt?: Date | null;
}

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
}

interface Row {
  id: string;
  platform: Platform;
  external_id: string;
  scope_kind: AccountScope['kind'];
  scope_code: string;
  name: string | null;
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: Date | string | null;
  active: boolean;
  health: ChannelHealth;
  health_reason: string | null;
  health_changed_at: Date | string | null;
}

function toRecord(r: Row): AccountRecord {
  return {
    id: String(r.id),
    platform: r.platform,
    externalId: r.external_id,
    scope: { kind: r.scope_kind, code: r.scope_code },
    name: r.name,
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    tokenExpiresAt: r.token_expires_at === null ? null : new Date(r.token_expires_at),
    active: r.active,
    health: r.health,
    healthReason: r.health_reason,
    healthChangedAt: r.health_changed_at === null ? null : new Date(r.health_changed_at),
  };
}

export async function findAccount(
  db: Queryable,
  platform: Platform,
  externalId: string,
): Promise<AccountRecord | null> {
  const rows = await db.query<Row>(
    'SELECT * FROM channel_accounts WHERE platform = $1 AND external_id = $2 AND active',
    [platform, externalId],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getAccount(db: Queryable, id: string): Promise<AccountRecord | null> {
  const rows = await db.query<Row>('SELECT * FROM channel_accounts WHERE id = $1', [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listAccounts(db: Queryable): Promise<AccountRecord[]> {
  const rows = await db.query<Row>('SELECT * FROM channel_accounts WHERE active ORDER BY platform, external_id');
  return rows.map(toRecord);
}

/**
 * Adds an account or updates it. Without a name, the unit's official name is used; a scope
 * naming no current commune or province is refused (UnknownUnit). Tokens given here replace the stored ones only when the
 * stored pair is absent: a Zalo refresh token is single-use, so a pair refreshed at run time
 * is newer than the one an operator put in the environment at install time.
 */
export async function upsertAccount(db: Queryable, input: AccountInput): Promise<AccountRecord> {
  const rows = await db.query<Row>(
    `INSERT INTO channel_accounts
       (platform, external_id, scope_kind, scope_code, name, access_token, refresh_token, token_expires_at, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
     ON CONFLICT (platform, external_id) DO UPDATE SET
       scope_kind = EXCLUDED.scope_kind,
       scope_code = EXCLUDED.scope_code,
       name = EXCLUDED.name,
       -- A new grant replaces tokens the platform refused.
       access_token = CASE WHEN channel_accounts.health = 'needs_regrant' AND EXCLUDED.access_token IS NOT NULL
         THEN EXCLUDED.access_token ELSE COALESCE(channel_accounts.access_token, EXCLUDED.access_token) END,
       refresh_token = CASE WHEN channel_accounts.health = 'needs_regrant' AND EXCLUDED.access_token IS NOT NULL
         THEN EXCLUDED.refresh_token ELSE COALESCE(channel_accounts.refresh_token, EXCLUDED.refresh_token) END,
       token_expires_at = CASE WHEN channel_accounts.health = 'needs_regrant' AND EXCLUDED.access_token IS NOT NULL
         THEN EXCLUDED.token_expires_at ELSE COALESCE(channel_accounts.token_expires_at, EXCLUDED.token_expires_at) END,
       health = CASE WHEN channel_accounts.health = 'needs_regrant' AND EXCLUDED.access_token IS NOT NULL
         THEN 'ok' ELSE channel_accounts.health END,
       active = true,
       updated_at = now()
     RETURNING *`,
    [
      input.platform,
      input.externalId,
      input.scope.kind,
      input.scope.code,
      input.name ?? officialUnitName(input.scope),
      input.accessToken ?? null,
      input.refreshToken ?? null,
      input.tokenExpiresAt ?? null,
    ],
  );
  return toRecord(rows[0]!);
}

/** Accounts are deactivated, never deleted: their conversations and cases keep pointing at them. */
export async function deactivateAccount(db: Queryable, platform: Platform, externalId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE channel_accounts SET active = false, updated_at = now() WHERE platform = $1 AND external_id = $2 AND active RETURNING id',
    [platform, externalId],
  );
  return rows.length > 0;
}

export async function saveTokens(db: Queryable, accountId: string, pair: TokenPair): Promise<void> {
  // A refresh Zalo accepted: an expiring token is no longer one.
  await db.query(
    `UPDATE channel_accounts
       SET access_token = $2, refresh_token = $3, token_expires_at = $4, updated_at = now(),
           health = CASE WHEN health = 'token_expiring' THEN 'ok' ELSE health END
     WHERE id = $1`,
    [accountId, pair.accessToken, pair.refreshToken, pair.expiresAt],
  );
}

/**
 * Records what a platform said about an account. Returns whether the health changed, so the
 * caller tells admins once per change, not once per failed send.
 */
export async function setAccountHealth(db: Queryable, accountId: string, health: ChannelHealth, reason: string | null): Promise<boolean> {
  const rows = await db.query(
    `UPDATE channel_accounts SET health = $2, health_reason = $3, health_changed_at = now(), updated_at = now()
     WHERE id = $1 AND health <> $2 RETURNING id`,
    [accountId, health, reason],
  );
  return rows.length > 0;
}
