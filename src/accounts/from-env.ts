import type { Config } from '../config.ts';
import type { AccountInput } from './repository.ts';
import { parseScope } from './scope.ts';

// Zalo access tokens live 25 hours (CHANNELS.md A3); one given in the environment is assumed
// fresh at start-up only when no better date is known, so the first refresh comes early.
const ENV_TOKEN_ASSUMED_LIFETIME_MS = 60 * 60 * 1000;

/** The one Zalo OA and one Page an environment may declare for a single-commune setup. */
export function accountsFromEnv(cfg: Config, now = new Date()): AccountInput[] {
  const out: AccountInput[] = [];
  if (cfg.ZALO_OA_ID && cfg.ZALO_OA_ACCESS_TOKEN && cfg.ZALO_OA_SCOPE) {
    out.push({
      platform: 'zalo',
      externalId: cfg.ZALO_OA_ID,
      scope: parseScope(cfg.ZALO_OA_SCOPE),
      accessToken: cfg.ZALO_OA_ACCESS_TOKEN,
      refreshToken: cfg.ZALO_OA_REFRESH_TOKEN ?? null,
      tokenExpiresAt: new Date(now.getTime() + ENV_TOKEN_ASSUMED_LIFETIME_MS),
    });
  }
  if (cfg.MESSENGER_PAGE_ID && cfg.MESSENGER_PAGE_ACCESS_TOKEN && cfg.MESSENGER_PAGE_SCOPE) {
    out.push({
      platform: 'messenger',
      externalId: cfg.MESSENGER_PAGE_ID,
      scope: parseScope(cfg.MESSENGER_PAGE_SCOPE),
      accessToken: cfg.MESSENGER_PAGE_ACCESS_TOKEN,
    });
  }
  return out;
}
