import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { DEFAULT_LOCALE } from '../../i18n/index.ts';
import type { ChannelClient, SendOptions } from '../contract.ts';
import { isRecord, networkFailure } from '../shared.ts';
import { type ChannelAccount, ChannelSendError, type OutboundMessage, type SendResult } from '../types.ts';
import { zaloError, zaloHttpError } from './errors.ts';
import type { NightHours } from './night.ts';
import { renderZalo } from './render.ts';
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
  /** ZNS / ZBS Template Message by phone (CHANNELS.md A4); absent, a phone notice fails as permanent. */
  readonly zns?: { readonly base: string; readonly templateId: string };
  /** When messages refused at night (-234, -133) may go again. */
  readonly night: NightHours;
  /** The clock that tells night from day (tests set it). */
  readonly now?: () => Date;
}

function finalTokenError(err: ChannelSendError): ChannelSendError {
  return new ChannelSendError('permanent', `${err.message}; the OA must grant the app access again`, err.platformCode);
}

/** ZNS wants the number in international form without "+": 0912345678 → 84912345678. */
export function znsPhone(phone: string): string | null {
  const digits = phone.replace(/[\s.\-()+]/g, '');
  const m = /^(?:84|0)(\d{9})$/.exec(digits);
  return m ? `84${m[1]}` : null;
}

export function zaloClient(deps: ZaloClientDeps): ZaloClient {
  /** One POST to Zalo; the `data` of a success, a ChannelSendError otherwise. */
  async function post(account: ChannelAccount, url: string, body: object): Promise<Record<string, unknown>> {
    if (!account.accessToken) {
      throw new ChannelSendError('token_expired', `zalo: account ${account.id} has no access token`);
    }
    let res: AxiosResponse<unknown>;
    try {
      // A bare access_token header, not Authorization: Bearer (Zalo's own SDK).
      res = await deps.http.post(url, body, {
        headers: { access_token: account.accessToken, 'content-type': 'application/json' },
      });
    } catch (err) {
      throw networkFailure('zalo', err);
    }
    if (res.status !== 200) throw zaloHttpError(res.status);
    const data: unknown = res.data;
    // Zalo reports API errors with HTTP 200 and a non-zero `error`.
    if (!isRecord(data) || typeof data.error !== 'number') throw zaloHttpError(res.status);
    if (data.error !== 0) throw zaloError(data.error, String(data.message ?? ''), deps.now?.() ?? new Date(), deps.night);
    return isRecord(data.data) ? data.data : {};
  }

  function idOf(value: unknown): string | null {
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }

  /** The requests one send makes, each returning the platform's id of what it sent. */
  function requests(userRef: string, message: OutboundMessage, opts: SendOptions): ((a: ChannelAccount) => Promise<string | null>)[] {
    const notice = opts.phoneNotice;
    if (!notice) {
      return renderZalo(message, opts.locale ?? DEFAULT_LOCALE, opts.quoteMessageId).map(
        (part) => async (a) => idOf((await post(a, `${deps.apiBase}/v3.0/oa/message/cs`, { recipient: { user_id: userRef }, message: part })).message_id),
      );
    }
    if (!deps.zns) throw new ChannelSendError('permanent', 'zalo: no ZNS template is configured');
    const phone = znsPhone(notice.phone);
    if (!phone) throw new ChannelSendError('permanent', 'zalo: the phone number cannot receive ZNS', 'bad_phone');
    const { base, templateId } = deps.zns;
    const body = {
      phone,
      template_id: templateId,
      // What the approved template shows: the case code and where it stands, never the complaint.
      template_data: { case_code: notice.caseCode, status: notice.status },
      ...(opts.trackingId ? { tracking_id: opts.trackingId } : {}),
    };
    return [async (a) => idOf((await post(a, `${base}/message/template`, body)).msg_id)];
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
    const parts = requests(userRef, message, opts);
    let current = await deps.tokens.fresh(account);
    let refreshed = false;
    let lastId: string | null = null;
    for (const part of parts) {
      try {
        lastId = await part(current);
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
          lastId = await part(current);
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
