import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelAccount, ChannelsConfig, OAuthTokens, TokenStore } from '../../src/channels/index.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'channels');

export function fixture(platform: 'zalo' | 'messenger', name: string): Buffer {
  return readFileSync(join(FIXTURES, platform, `${name}.json`));
}

export const config: ChannelsConfig = {
  zaloAppId: '3608465248940903967',
  zaloAppSecret: 'zalo-app-secret',
  zaloOaSecretKey: 'zalo-oa-secret-key',
  zaloApiBase: 'https://openapi.zalo.test',
  zaloOauthBase: 'https://oauth.zalo.test',
  messengerAppSecret: 'meta-app-secret',
  messengerVerifyToken: 'meatyhamhock',
  graphApiBase: 'https://graph.facebook.test',
  graphApiVersion: 'v25.0',
  httpTimeoutMs: 2000,
  zaloNight: { start: 22 * 60, end: 6 * 60 },
};

export function zaloAccount(overrides: Partial<ChannelAccount> = {}): ChannelAccount {
  return {
    id: '7',
    platform: 'zalo',
    externalId: '388613280878808645',
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    tokenExpiresAt: new Date(Date.now() + 24 * 3600_000),
    ...overrides,
  };
}

export function messengerAccount(overrides: Partial<ChannelAccount> = {}): ChannelAccount {
  return {
    id: '8',
    platform: 'messenger',
    externalId: 'PAGE_ID',
    accessToken: 'page-token',
    refreshToken: null,
    tokenExpiresAt: null,
    ...overrides,
  };
}

/** An in-memory TokenStore that records every save, in order, for assertions. */
export class MemoryTokenStore implements TokenStore {
  readonly accounts = new Map<string, ChannelAccount>();
  readonly saves: { accountId: string; tokens: OAuthTokens }[] = [];
  failSaves = false;

  constructor(...accounts: ChannelAccount[]) {
    for (const a of accounts) this.accounts.set(a.id, a);
  }

  async loadAccount(accountId: string): Promise<ChannelAccount | null> {
    return this.accounts.get(accountId) ?? null;
  }

  async saveTokens(accountId: string, tokens: OAuthTokens): Promise<void> {
    if (this.failSaves) throw new Error('database unavailable');
    const current = this.accounts.get(accountId);
    if (!current) throw new Error(`no account ${accountId}`);
    this.saves.push({ accountId, tokens });
    this.accounts.set(accountId, {
      ...current,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
    });
  }
}
