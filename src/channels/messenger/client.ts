import type { AxiosInstance, AxiosResponse } from 'axios';
import { DEFAULT_LOCALE } from '../../i18n/index.ts';
import type { ChannelClient, MessagingType, SendOptions, SenderAction } from '../contract.ts';
import { isRecord, networkFailure } from '../shared.ts';
import { type ChannelAccount, ChannelSendError, type OutboundMessage, type SendResult } from '../types.ts';
import { messengerError } from './errors.ts';
import { type MessengerMessage, renderMessenger } from './render.ts';

export interface MessengerClient extends ChannelClient {
  readonly platform: 'messenger';
  senderAction(account: ChannelAccount, userRef: string, action: SenderAction): Promise<void>;
}

export interface MessengerClientDeps {
  readonly graphApiBase: string;
  readonly graphApiVersion: string;
  readonly http: AxiosInstance;
}

function messagingFields(m: MessagingType): { messaging_type: string; tag?: string } {
  return m.kind === 'MESSAGE_TAG' ? { messaging_type: 'MESSAGE_TAG', tag: m.tag } : { messaging_type: m.kind };
}

export function messengerClient(deps: MessengerClientDeps): MessengerClient {
  async function call(account: ChannelAccount, body: Record<string, unknown>): Promise<unknown> {
    if (account.platform !== 'messenger') {
      throw new ChannelSendError('permanent', `messenger: account ${account.id} belongs to ${account.platform}`);
    }
    if (!account.accessToken) {
      throw new ChannelSendError('permanent', `messenger: page ${account.externalId} has no access token`);
    }
    let res: AxiosResponse<unknown>;
    try {
      res = await deps.http.post(
        `${deps.graphApiBase}/${deps.graphApiVersion}/${encodeURIComponent(account.externalId)}/messages`,
        body,
        { params: { access_token: account.accessToken }, headers: { 'content-type': 'application/json' } },
      );
    } catch (err) {
      throw networkFailure('messenger', err);
    }
    if (res.status !== 200 || (isRecord(res.data) && isRecord(res.data.error))) throw messengerError(res.status, res.data);
    return res.data;
  }

  async function send(
    account: ChannelAccount,
    userRef: string,
    message: OutboundMessage,
    opts: SendOptions = {},
  ): Promise<SendResult> {
    const fields = messagingFields(opts.messaging ?? { kind: 'RESPONSE' });
    let lastId: string | null = null;
    for (const part of renderMessenger(message, opts.locale ?? DEFAULT_LOCALE)) {
      const data = await call(account, { recipient: { id: userRef }, ...fields, message: part satisfies MessengerMessage });
      lastId = isRecord(data) && typeof data.message_id === 'string' ? data.message_id : null;
    }
    return { platformMessageId: lastId };
  }

  async function senderAction(account: ChannelAccount, userRef: string, action: SenderAction): Promise<void> {
    await call(account, { recipient: { id: userRef }, sender_action: action });
  }

  return { platform: 'messenger', send, senderAction };
}
