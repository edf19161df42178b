import type { Config } from '../config.ts';
import type { NightHours } from './zalo/night.ts';

/** What the channels read from the program's configuration; a missing secret disables verification. */
export interface ChannelsConfig {
  readonly zaloAppId: string | undefined;
  readonly zaloAppSecret: string | undefined;
  readonly zaloOaSecretKey: string | undefined;
  readonly zaloApiBase: string;
  readonly zaloOauthBase: string;
  /** ZNS (template by phone): where, and the approved template; absent, no phone messages. */
  readonly zaloZns?: { readonly base: string; readonly templateId: string } | undefined;
  /** Zalo's night, when ZNS and promotion messages are refused (ZALO_NIGHT_HOURS). */
  readonly zaloNight: NightHours;
  readonly messengerAppSecret: string | undefined;
  readonly messengerVerifyToken: string | undefined;
  readonly graphApiBase: string;
  readonly graphApiVersion: string;
  readonly httpTimeoutMs: number;
}

export function channelsConfigFrom(cfg: Config): ChannelsConfig {
  return {
    zaloAppId: cfg.ZALO_APP_ID,
    zaloAppSecret: cfg.ZALO_APP_SECRET,
    zaloOaSecretKey: cfg.ZALO_OA_SECRET_KEY,
    zaloApiBase: trimSlash(cfg.ZALO_API_BASE),
    zaloOauthBase: trimSlash(cfg.ZALO_OAUTH_BASE),
    zaloZns: cfg.ZALO_ZNS_TEMPLATE_ID ? { base: trimSlash(cfg.ZALO_ZNS_BASE), templateId: cfg.ZALO_ZNS_TEMPLATE_ID } : undefined,
    zaloNight: cfg.ZALO_NIGHT_HOURS,
    messengerAppSecret: cfg.MESSENGER_APP_SECRET,
    messengerVerifyToken: cfg.MESSENGER_VERIFY_TOKEN,
    graphApiBase: trimSlash(cfg.GRAPH_API_BASE),
    graphApiVersion: cfg.GRAPH_API_VERSION,
    httpTimeoutMs: cfg.CHANNEL_HTTP_TIMEOUT_MS,
  };
}

/** zod's url() keeps a trailing slash; paths are appended with one. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
