import type { Locale } from '../i18n/index.ts';
import type {
  ChannelAccount,
  ChannelEvent,
  OutboundMessage,
  Platform,
  SendResult,
  WebhookRequest,
} from './types.ts';

/** The inbound half of a platform: authenticate a delivery, then turn it into events. */
export interface ChannelConnector {
  readonly platform: Platform;
  /** True only when the delivery carries a valid signature. Never throws. */
  verify(req: WebhookRequest): boolean;
  /**
   * Throws MalformedPayload on bad JSON or a shape we cannot read; events we do not handle are
   * dropped. `json` is `rawBody` already parsed (by the HTTP edge); parsed here when absent.
   * With `onRejected`, an item that cannot be read (one message of a batch, a Zalo image
   * without url) is reported there and skipped, and the rest is returned; without it, it throws.
   */
  parse(rawBody: Buffer, json?: unknown, onRejected?: (item: RejectedItem) => void): ChannelEvent[];
  /** Subscription handshake (Messenger GET): the body to answer with, or null to refuse. */
  handshake?(query: Record<string, unknown>): string | null;
}

/** Messenger tags allowed outside the 24 h window (CHANNELS.md B3). */
export type MessageTag = 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE' | 'POST_PURCHASE_UPDATE';

/** How a Messenger send is justified; a tag only exists together with MESSAGE_TAG. */
export type MessagingType =
  | { readonly kind: 'RESPONSE' }
  | { readonly kind: 'UPDATE' }
  | { readonly kind: 'MESSAGE_TAG'; readonly tag: MessageTag };

/**
 * A notice by phone instead of a chat message (Zalo: an approved ZNS template, paid), for a
 * citizen past every chat window who consented to give their phone. It carries a case code
 * and a few words of status, never what the citizen complained about.
 */
export interface PhoneNotice {
  /** As the case stores it (0xxxxxxxxx). */
  readonly phone: string;
  readonly caseCode: string;
  /** Short Vietnamese words for the template, e.g. "Đã có trả lời". */
  readonly status: string;
}

export interface SendOptions {
  /** Language of the few words a channel adds itself (e.g. "reply with the number"). Default vi. */
  readonly locale?: Locale;
  /** Messenger only; default RESPONSE. Ignored by the other channels. */
  readonly messaging?: MessagingType;
  /** Zalo only: the citizen's message this reply quotes. */
  readonly quoteMessageId?: string;
  /** Zalo only: send this notice by phone (ZNS); the chat message itself is then not sent. */
  readonly phoneNotice?: PhoneNotice;
  /** Our id of this send (the outbox message id): Zalo's ZNS tracking_id, to match it up later. */
  readonly trackingId?: string;
}

export type SenderAction = 'typing_on' | 'mark_seen';

/**
 * The outbound half. A message the platform cannot show in one request (long text, a title
 * next to an image) goes out as several requests in order; the result names the last one.
 * Failures are ChannelSendError; a retry after a failure in a later part repeats earlier parts.
 */
export interface ChannelClient {
  readonly platform: Platform;
  send(account: ChannelAccount, userRef: string, message: OutboundMessage, opts?: SendOptions): Promise<SendResult>;
  senderAction?(account: ChannelAccount, userRef: string, action: SenderAction): Promise<void>;
}

/** One item of a delivery no channel can read: where it came from and why, never its content. */
export interface RejectedItem {
  readonly platform: Platform;
  readonly accountRef: string | undefined;
  /** The platform's message id when it has one, else a key a redelivery repeats. */
  readonly reference: string;
  readonly reason: string;
}

export class MalformedPayload extends Error {
  override name = 'MalformedPayload';
}
