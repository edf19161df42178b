import { listAccounts, setAccountHealth } from '../accounts/index.ts';
import { type ChannelAccount, type ChannelHealth, ChannelSendError } from '../channels/types.ts';
import type { Database } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';

/** An account that turned bad, for the admins (log line, e-mail). */
export interface ChannelAlert {
  readonly accountId: string;
  readonly platform: ChannelAccount['platform'];
  readonly externalId: string;
  readonly health: Exclude<ChannelHealth, 'ok'>;
  readonly reason: string;
}

export interface HealthDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly alertAdmins?: (alert: ChannelAlert) => Promise<void>;
}

/** Within this of expiry, a token the scheduled refresh could not renew is 'token_expiring'. */
const EXPIRING_WITHIN_MS = 60 * 60_000;

async function turn(d: HealthDeps, account: ChannelAccount, health: ChannelHealth, reason: string | null): Promise<void> {
  if (!(await setAccountHealth(d.db, account.id, health, reason))) return;
  if (health === 'ok') {
    d.log.info({ accountId: account.id, platform: account.platform }, 'channel account is healthy again');
    return;
  }
  const alert: ChannelAlert = { accountId: account.id, platform: account.platform, externalId: account.externalId, health, reason: reason ?? '' };
  d.log.error(alert, 'channel account needs attention');
  await d.alertAdmins?.(alert).catch((err: unknown) => d.log.error({ err, accountId: account.id }, 'admins could not be told about a channel account'));
}

/** What a send says about its account: refused grant, restriction, or (after a restriction) fine again. */
export async function noteSend(d: HealthDeps, account: ChannelAccount, outcome: 'sent' | unknown): Promise<void> {
  if (outcome === 'sent') {
    if (account.health === 'restricted') await turn(d, account, 'ok', null);
    return;
  }
  if (!(outcome instanceof ChannelSendError)) return;
  if (outcome.kind === 'needs_regrant') await turn(d, account, 'needs_regrant', outcome.message);
  else if (outcome.kind === 'restricted') await turn(d, account, 'restricted', outcome.message);
}

/**
 * The scheduled token refresh: every Zalo OA whose access token is near its end is renewed,
 * whether or not it sends, so its refresh token never lapses unused. A refusal marks the OA
 * for re-grant (and nothing asks Zalo again with that token); a failure close to expiry
 * marks it expiring.
 */
export async function refreshTokens(d: HealthDeps, refreshIfDue: (a: ChannelAccount) => Promise<'fresh' | 'refreshed'>): Promise<number> {
  let refreshed = 0;
  for (const account of await listAccounts(d.db)) {
    if (account.platform !== 'zalo' || !account.refreshToken || account.health === 'needs_regrant') continue;
    try {
      if ((await refreshIfDue(account)) === 'refreshed') refreshed++;
    } catch (err) {
      if (err instanceof ChannelSendError && err.kind === 'needs_regrant') {
        await turn(d, account, 'needs_regrant', err.message);
        continue;
      }
      d.log.warn({ accountId: account.id, err: err instanceof Error ? err.message : String(err) }, 'scheduled token refresh failed; retried at the next run');
      const left = account.tokenExpiresAt ? account.tokenExpiresAt.getTime() - Date.now() : 0;
      if (left < EXPIRING_WITHIN_MS) await turn(d, account, 'token_expiring', err instanceof Error ? err.message : String(err));
    }
  }
  return refreshed;
}
