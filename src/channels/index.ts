import type { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import type { ChannelsConfig } from './config.ts';
import type { ChannelClient, ChannelConnector } from './contract.ts';
import { localClient } from './local.ts';
import { messengerClient, type MessengerClient } from './messenger/client.ts';
import { parseMessenger } from './messenger/parse.ts';
import { messengerHandshake, verifyMessenger } from './messenger/verify.ts';
import { sanitizeEvent } from './sanitize.ts';
import { httpClient, parseJson } from './shared.ts';
import type { TokenStore } from './tokens.ts';
import type { ChannelAccount } from './types.ts';
import { zaloClient, type ZaloClient } from './zalo/client.ts';
import { parseZalo } from './zalo/parse.ts';
import { zaloTokens } from './zalo/tokens.ts';
import { verifyZalo } from './zalo/verify.ts';

export * from './types.ts';
export { channelsConfigFrom, type ChannelsConfig } from './config.ts';
export {
  type ChannelClient,
  type ChannelConnector,
  MalformedPayload,
  type MessageTag,
  type MessagingType,
  type PhoneNotice,
  type RejectedItem,
  type SenderAction,
  type SendOptions,
} from './contract.ts';
export { type LocalDelivery, localChannel, localTextEvent } from './local.ts';
export { cleanText, sanitizeEvent } from './sanitize.ts';
export type { MessengerClient } from './messenger/client.ts';
export { type NumberedOption, numberedOptions, renderText, resolveNumberedReply } from './text.ts';
export type { OAuthTokens, TokenStore } from './tokens.ts';
export type { ZaloClient } from './zalo/client.ts';
export type { NightHours } from './zalo/night.ts';

export interface ChannelsDeps {
  readonly redis: Redis;
  readonly tokens: TokenStore;
  readonly log?: Logger;
  /** Prefix of Redis keys (token-refresh locks). Default "congboc". */
  readonly keyPrefix?: string;
  /** Prefix of the terminal chat's pub/sub channels. Default: keyPrefix. */
  readonly localChannelPrefix?: string;
  /** Refresh a Zalo access token this long before it expires. Default 5 h (tokens live 25 h). */
  readonly zaloRefreshMarginMs?: number;
  /** The clock that tells Zalo's night from day (tests set it). */
  readonly now?: () => Date;
}

export interface Channels {
  readonly connectors: { readonly zalo: ChannelConnector; readonly messenger: ChannelConnector };
  readonly clients: { readonly zalo: ZaloClient; readonly messenger: MessengerClient; readonly local: ChannelClient };
  /** The scheduled Zalo token refresh (see ZaloTokens.refreshIfDue); Page tokens do not expire this way. */
  refreshIfDue(account: ChannelAccount): Promise<'fresh' | 'refreshed'>;
}

export function createChannels(cfg: ChannelsConfig, deps: ChannelsDeps): Channels {
  const log = deps.log ?? pino({ enabled: false });
  const http = httpClient(cfg.httpTimeoutMs);
  const keyPrefix = deps.keyPrefix ?? 'congboc';

  const tokens = zaloTokens({
    appId: cfg.zaloAppId,
    appSecret: cfg.zaloAppSecret,
    oauthBase: cfg.zaloOauthBase,
    http,
    redis: deps.redis,
    store: deps.tokens,
    log,
    keyPrefix,
    marginMs: deps.zaloRefreshMarginMs ?? 5 * 3600_000,
    lockTtlMs: 2 * cfg.httpTimeoutMs + 10_000,
  });

  const zaloKeys = { appId: cfg.zaloAppId, oaSecretKey: cfg.zaloOaSecretKey, appSecret: cfg.zaloAppSecret };
  return {
    refreshIfDue: (account) => (account.platform === 'zalo' ? tokens.refreshIfDue(account) : Promise.resolve('fresh')),
    connectors: {
      zalo: {
        platform: 'zalo',
        verify: (req) => verifyZalo(req, zaloKeys, log),
        parse: (raw, json, onRejected) => parseZalo(json ?? parseJson(raw), onRejected).map(sanitizeEvent),
      },
      messenger: {
        platform: 'messenger',
        verify: (req) => verifyMessenger(req, cfg.messengerAppSecret),
        parse: (raw, json, onRejected) => parseMessenger(json ?? parseJson(raw), onRejected).map(sanitizeEvent),
        handshake: (query) => messengerHandshake(query, cfg.messengerVerifyToken),
      },
    },
    clients: {
      zalo: zaloClient({
        apiBase: cfg.zaloApiBase,
        http,
        tokens,
        log,
        ...(cfg.zaloZns ? { zns: cfg.zaloZns } : {}),
        night: cfg.zaloNight,
        ...(deps.now ? { now: deps.now } : {}),
      }),
      messenger: messengerClient({ graphApiBase: cfg.graphApiBase, graphApiVersion: cfg.graphApiVersion, http }),
      local: localClient(deps.redis, deps.localChannelPrefix ?? keyPrefix),
    },
  };
}
