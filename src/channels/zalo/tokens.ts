import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { tryLock, waitForRelease } from '../../locks/index.ts';
import { isRecord, networkFailure } from '../shared.ts';
import type { OAuthTokens, TokenStore } from '../tokens.ts';
import { type ChannelAccount, ChannelSendError } from '../types.ts';

/** Documented access-token lifetime ("25 giờ"), used only if Zalo's expires_in is unreadable. */
const DOCUMENTED_LIFETIME_S = 25 * 3600;

export interface ZaloTokenDeps {
  readonly appId: string | undefined;
  readonly appSecret: string | undefined;
  readonly oauthBase: string;
  readonly http: AxiosInstance;
  readonly redis: Redis;
  readonly store: TokenStore;
  readonly log: Logger;
  readonly keyPrefix: string;
  /** Refresh ahead of time when the token expires within this many ms. */
  readonly marginMs: number;
  /** Longest a refresh may hold the lock: OAuth call plus the save, with room to spare. */
  readonly lockTtlMs: number;
}

export interface ZaloTokens {
  /** Returns an account whose access token is not about to expire, refreshing if needed. */
  fresh(account: ChannelAccount): Promise<ChannelAccount>;
  /**
   * Replaces `staleAccessToken` (default: the account's current one) with a new pair, unless
   * another process already did: then the stored account is returned as is. At most one
   * process per account calls Zalo at a time; the pair is saved before it is returned.
   */
  refresh(account: ChannelAccount, staleAccessToken?: string | null): Promise<ChannelAccount>;
  /**
   * The scheduled refresh, well before expiry and whether or not the OA sends anything (a
   * refresh token unused for three months dies): refreshes a token within the margin and
   * throws what Zalo said when it cannot. 'fresh' when nothing was due.
   */
  refreshIfDue(account: ChannelAccount): Promise<'fresh' | 'refreshed'>;
}

export function zaloTokens(deps: ZaloTokenDeps): ZaloTokens {
  const { redis, store, log } = deps;

  function expiresSoon(account: ChannelAccount): boolean {
    if (account.accessToken === null) return true;
    return account.tokenExpiresAt !== null && account.tokenExpiresAt.getTime() - Date.now() <= deps.marginMs;
  }

  async function load(accountId: string): Promise<ChannelAccount> {
    const account = await store.loadAccount(accountId);
    if (!account) throw new ChannelSendError('permanent', `zalo: channel account ${accountId} not found`);
    return account;
  }

  async function callOAuth(refreshToken: string): Promise<OAuthTokens> {
    if (!deps.appId || !deps.appSecret) {
      throw new ChannelSendError('permanent', 'zalo: ZALO_APP_ID and ZALO_APP_SECRET are needed to refresh tokens');
    }
    let res: AxiosResponse<unknown>;
    try {
      res = await deps.http.post(
        `${deps.oauthBase}/v4/oa/access_token`,
        new URLSearchParams({ refresh_token: refreshToken, app_id: deps.appId, grant_type: 'refresh_token' }),
        { headers: { secret_key: deps.appSecret } },
      );
    } catch (err) {
      throw networkFailure('zalo oauth', err);
    }
    const data: unknown = res.data;
    if (res.status >= 500) throw new ChannelSendError('transient', `zalo oauth: HTTP ${res.status}`, `http_${res.status}`);
    if (!isRecord(data) || typeof data.access_token !== 'string' || data.access_token === '') {
      const code = isRecord(data) && data.error !== undefined ? String(data.error) : `http_${res.status}`;
      const reason = isRecord(data) ? String(data.message ?? data.error_name ?? data.error_description ?? '') : '';
      // A rejected refresh token cannot be retried into working: a human must re-grant the OA.
      throw new ChannelSendError('needs_regrant', `zalo oauth refused the refresh token (${code}) ${reason}`.trim(), code);
    }
    const seconds = Number(data.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : DOCUMENTED_LIFETIME_S;
    return {
      accessToken: data.access_token,
      // Zalo rotates the refresh token on every use; keeping the old one is only for a response without it.
      refreshToken: typeof data.refresh_token === 'string' && data.refresh_token !== '' ? data.refresh_token : refreshToken,
      expiresAt: new Date(Date.now() + lifetime * 1000),
    };
  }

  async function refreshLocked(current: ChannelAccount): Promise<ChannelAccount> {
    if (!current.refreshToken) {
      throw new ChannelSendError('needs_regrant', `zalo: account ${current.id} has no refresh token; the OA must grant access again`);
    }
    // Zalo already refused this refresh token: asking again with it cannot work, and every
    // send asking again was the old behaviour. Only a new grant (which resets the health) helps.
    if (current.health === 'needs_regrant') {
      throw new ChannelSendError('needs_regrant', `zalo: account ${current.id} needs its access granted again`);
    }
    const tokens = await callOAuth(current.refreshToken);
    try {
      await store.saveTokens(current.id, tokens);
    } catch (err) {
      log.error({ accountId: current.id, err: String(err) }, 'zalo: refreshed tokens could not be saved; the OA must grant access again');
      throw new ChannelSendError('permanent', 'zalo: refreshed tokens could not be saved');
    }
    log.info({ accountId: current.id, expiresAt: tokens.expiresAt.toISOString() }, 'zalo access token refreshed');
    return {
      ...current,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
    };
  }

  async function refresh(account: ChannelAccount, staleAccessToken: string | null = account.accessToken): Promise<ChannelAccount> {
    const key = `${deps.keyPrefix}:zalo:token-refresh:${account.id}`;
    const isStale = (a: ChannelAccount) => a.accessToken === null || a.accessToken === staleAccessToken;
    const deadline = Date.now() + 2 * deps.lockTtlMs;
    for (;;) {
      const lock = await tryLock(redis, key, deps.lockTtlMs);
      if (lock) {
        try {
          // Re-read under the lock: another process may have refreshed between our read and now.
          const current = await load(account.id);
          return isStale(current) ? await refreshLocked(current) : current;
        } finally {
          await lock.release();
        }
      }
      await waitForRelease(redis, key, Math.max(0, deadline - Date.now()));
      const current = await load(account.id);
      if (!isStale(current)) return current;
      // The holder failed or its lock expired: take a turn ourselves, within the deadline.
      if (Date.now() >= deadline) {
        throw new ChannelSendError('transient', `zalo: token refresh for account ${account.id} did not complete`);
      }
    }
  }

  async function fresh(account: ChannelAccount): Promise<ChannelAccount> {
    if (!expiresSoon(account) || !account.refreshToken) return account;
    try {
      return await refresh(account);
    } catch (err) {
      const stillValid =
        account.accessToken !== null && (account.tokenExpiresAt === null || account.tokenExpiresAt.getTime() > Date.now());
      // A token that has hours left still sends; the failure is logged for a human, not fatal yet.
      if (!stillValid) throw err;
      log.warn({ accountId: account.id, err: String(err) }, 'zalo: early token refresh failed; using the current token');
      return account;
    }
  }

  async function refreshIfDue(account: ChannelAccount): Promise<'fresh' | 'refreshed'> {
    if (!expiresSoon(account)) return 'fresh';
    await refresh(account);
    return 'refreshed';
  }

  return { fresh, refresh, refreshIfDue };
}
