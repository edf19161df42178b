import type { ChannelAccount } from './types.ts';

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
}

/**
 * Where channel accounts and their tokens live (the database, in production). Zalo refresh
 * tokens are single-use, so saveTokens must be durable — committed — when its promise resolves:
 * the old pair is already dead, and a lost new pair means the OA admin has to grant access again.
 */
export interface TokenStore {
  loadAccount(accountId: string): Promise<ChannelAccount | null>;
  saveTokens(accountId: string, tokens: OAuthTokens): Promise<void>;
}
