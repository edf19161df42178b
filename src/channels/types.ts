import { messages } from '@botpress/sdk';
import type { z } from '@bpinternal/zui';

/** The platforms a citizen can reach us on. `local` is the terminal channel of `npm run chat`. */
export type Platform = 'zalo' | 'messenger' | 'local';

/** What a citizen did, in one shape whatever the platform. Parsed at the edge, trusted inside. */
export type EventContent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly url: string; readonly caption?: string }
  | { readonly type: 'file'; readonly url: string; readonly name?: string }
  | {
      readonly type: 'location';
      readonly latitude: number;
      readonly longitude: number;
      readonly address?: string;
    }
  | { readonly type: 'sticker'; readonly stickerId?: string; readonly url?: string }
  /** A tapped quick reply or button: `payload` is the value we put there. */
  | { readonly type: 'postback'; readonly payload: string; readonly text?: string }
  | { readonly type: 'follow' }
  | { readonly type: 'unfollow' }
  /** Zalo's "share your information" form. Only stored after consent. */
  | {
      readonly type: 'user_submit_info';
      readonly name?: string;
      readonly phone?: string;
      readonly address?: string;
    };

export type EventType = EventContent['type'];

export interface ChannelEvent {
  readonly platform: Platform;
  /** The OA id or Page id the citizen wrote to. */
  readonly accountRef: string;
  /** The citizen's id on that account (Zalo user id, Messenger PSID). */
  readonly userRef: string;
  /** The platform's own id for this event; the key that makes redelivery harmless. */
  readonly eventId: string;
  /** When the citizen acted, epoch milliseconds, as the platform reports it. */
  readonly timestamp: number;
  readonly content: EventContent;
}

/**
 * What the bot says: the standard message types of Botpress, so the same vocabulary can later
 * serve a Botpress integration. Each channel renders them in its own API's format.
 */
export const outboundSchemas = messages.defaults;
export type OutboundType = keyof typeof outboundSchemas;
export type OutboundPayload<T extends OutboundType> = z.infer<(typeof outboundSchemas)[T]['schema']>;
export type OutboundMessage = {
  [T in OutboundType]: { readonly type: T; readonly payload: OutboundPayload<T> };
}[OutboundType];

// zui's full types are too deep for a dynamic lookup; this is the part we call.
interface Parser {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { message: string } };
}

export class InvalidOutboundMessage extends Error {
  override name = 'InvalidOutboundMessage';
}

/** Validates with Botpress' own schema: a message the schema rejects never reaches a channel. */
export function validateOutbound(message: { type: string; payload: unknown }): OutboundMessage {
  const def = (outboundSchemas as unknown as Record<string, { schema: Parser } | undefined>)[message.type];
  if (!def) throw new InvalidOutboundMessage(`unknown message type "${message.type}"`);
  const parsed = def.schema.safeParse(message.payload);
  if (!parsed.success) {
    throw new InvalidOutboundMessage(`invalid ${message.type} message: ${parsed.error?.message}`);
  }
  return { type: message.type, payload: parsed.data } as OutboundMessage;
}

/** A channel account as the channels need it to send. */
/** Whether an OA / Page can be used, as the platform last told us (see migration 251). */
export const CHANNEL_HEALTH = ['ok', 'token_expiring', 'needs_regrant', 'restricted'] as const;
export type ChannelHealth = (typeof CHANNEL_HEALTH)[number];

export interface ChannelAccount {
  readonly id: string;
  readonly platform: Platform;
  readonly externalId: string;
  readonly accessToken: string | null;
  readonly refreshToken: string | null;
  readonly tokenExpiresAt: Date | null;
  /** Absent where it is not known (an account built by hand); then it is treated as 'ok'. */
  readonly health?: ChannelHealth;
}

/** An inbound HTTP delivery, as the webhook route captured it: raw bytes for signatures. */
export interface WebhookRequest {
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** `rawBody` already parsed by the HTTP edge, so it is parsed once; parsed here when absent. */
  readonly json?: unknown;
}

/** Why a send failed, in the terms the outbound queue decides on. */
export type SendFailureKind =
  /** Platform throttled us: back off and retry. */
  | 'rate_limited'
  /** Access token expired or invalid: refresh once, then retry. */
  | 'token_expired'
  /** The citizen blocked us, left, or cannot be reached: do not retry, tell staff. */
  | 'unreachable'
  /** Outside the platform's messaging window: do not retry, staff must use another path. */
  | 'outside_window'
  /** Network error, timeout or 5xx: retry with backoff. */
  | 'transient'
  /** Not delivered at this hour (Zalo's night): send again at `retryAt`, not before. */
  | 'quiet_hours'
  /** The OA / Page is temporarily restricted by the platform: retry with backoff, tell admins. */
  | 'restricted'
  /** The platform no longer accepts our grant (refresh token refused, Page token 190): an admin must grant access again. */
  | 'needs_regrant'
  /** The request itself is wrong (bad payload, permission): retrying cannot help. */
  | 'permanent';

export class ChannelSendError extends Error {
  override name = 'ChannelSendError';
  readonly kind: SendFailureKind;
  readonly platformCode: string | undefined;
  /** For `quiet_hours`: the first moment the platform takes the message again. */
  readonly retryAt: Date | undefined;
  constructor(kind: SendFailureKind, message: string, platformCode?: string, retryAt?: Date) {
    super(message);
    this.kind = kind;
    this.platformCode = platformCode;
    this.retryAt = retryAt;
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'token_expired' || this.kind === 'transient' || this.kind === 'restricted';
  }
}

export interface SendResult {
  /** The platform's id for the sent message, when it returns one. */
  readonly platformMessageId: string | null;
}
