import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { DEFAULT_LOCALE } from '../../i18n/index.ts';
import type { ChannelClient, SendOptions } from '../contract.ts';
import { isRecord, networkFailure } from '../shared.ts';
import { type ChannelAccount, ChannelSendError, type OutboundMessage, type SendResult } from '../types.ts';
import { zaloError, zaloHttpError } from './errors.ts';
import { renderZalo, type ZaloCsMessage } from './render.ts';
import type { ZaloTokens } from './tokens.ts';

export interface ZaloClient extends ChannelClient {
  readonly platform: 'zalo';
  /** Force a token refresh now (e.g. from a scheduled job); returns the account with the saved pair. */
  refreshTokens(account: ChannelAccount): Promise<ChannelAccount>;
}

export interface ZaloClientDeps {
  readonly apiBase: string;
  readonly http: AxiosInstance;
  readonly tokens: ZaloTokens;
  readonly log: Logger;
}

function finalTokenError(err: ChannelSendError): ChannelSendError {
  return new ChannelSendError('permanent', `${err.message}; the OA must grant the app access again`, err.platformCode);
}

export function zaloClient(deps: ZaloClientDeps): ZaloClient {
  async function post(account: ChannelAccount, userRef: string, message: ZaloCsMessage): Promise<string | null> {
    if (!account.accessToken) {
      throw new ChannelSendError('token_expired', `zalo: account ${account.id} has no access token`);
    }
    let res: AxiosResponse<unknown>;
    try {
      res = await deps.http.post(
        `${deps.apiBase}/v3.0/oa/message/cs`,
        { recipient: { user_id: userRef }, message },
        // A bare access_token header, not Authorization: Bearer (Zalo's own SDK).
        { headers: { access_token: account.accessToken, 'content-type': 'application/json' } },
      );
    } catch (err) {
      throw networkFailure('zalo', err);
    }
    if (res.status !== 200) throw zaloHttpError(res.status);
    const body: unknown = res.data;
    // Zalo reports API errors with HTTP 200 and a non-zero `error`.
    if (!isRecord(body) || typeof body.error !== 'number') throw zaloHttpError(res.status);
    if (body.error !== 0) throw zaloError(body.error, String(body.message ?? ''));
    const id = isRecord(body.data) ? body.data.message_id : undefined;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  }

  async function send(
    account: ChannelAccount,
    userRef: string,
    message: OutboundMessage,
    opts: SendOptions = {},
  ): Promise<SendResult> {
    if (account.platform !== 'zalo') {
      throw new ChannelSendError('permanent', `zalo: account ${account.id} belongs to ${account.platform}`);
    }
    const parts = renderZalo(message, opts.locale ?? DEFAULT_LOCALE, opts.quoteMessageId);
    let current = await deps.tokens.fresh(account);
    let refreshed = false;
    let lastId: string | null = null;
    for (const part of parts) {
      try {
        lastId = await post(current, userRef, part);
      } catch (err) {
        if (!(err instanceof ChannelSendError) || err.kind !== 'token_expired') throw err;
        // Refresh once per send and resend the failed part once. A token error that a refresh
        // cannot cure (none possible, or the new token is refused too) needs a human: the OA
        // must grant access again, so it is final rather than left for the queue to retry.
        if (refreshed || !current.refreshToken) throw finalTokenError(err);
        refreshed = true;
        deps.log.info({ accountId: account.id, code: err.platformCode }, 'zalo token rejected; refreshing');
        current = await deps.tokens.refresh(current, current.accessToken);
        try {
          lastId = await post(current, userRef, part);
        } catch (again) {
          throw again instanceof ChannelSendError && again.kind === 'token_expired' ? finalTokenError(again) : again;
        }
      }
    }
    return { platformMessageId: lastId };
  }

  return {
    platform: 'zalo',
    send,
    refreshTokens: (account) => deps.tokens.refresh(account),
  };
}
