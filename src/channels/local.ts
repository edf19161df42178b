import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DEFAULT_LOCALE } from '../i18n/index.ts';
import type { ChannelClient, SendOptions } from './contract.ts';
import { cleanText } from './sanitize.ts';
import { renderText } from './text.ts';
import { type ChannelAccount, type ChannelEvent, ChannelSendError, type OutboundMessage, type SendResult } from './types.ts';

/** What a terminal subscribed to localChannel(prefix, userRef) receives, as JSON. */
export interface LocalDelivery {
  readonly id: string;
  /** The message as the citizen would read it on a text-only channel (choices numbered). */
  readonly text: string;
  readonly message: OutboundMessage;
  readonly sentAt: string;
}

export function localChannel(prefix: string, userRef: string): string {
  return `${prefix}:local:${userRef}`;
}

/** The terminal chat's side of inbound: a typed line as a channel event. */
export function localTextEvent(accountRef: string, userRef: string, text: string, now: Date = new Date()): ChannelEvent {
  return {
    platform: 'local',
    accountRef,
    userRef,
    eventId: `local:${randomUUID()}`,
    timestamp: now.getTime(),
    content: { type: 'text', text: cleanText(text) },
  };
}

export function localClient(redis: Redis, prefix: string): ChannelClient {
  return {
    platform: 'local',
    async send(account: ChannelAccount, userRef: string, message: OutboundMessage, opts: SendOptions = {}): Promise<SendResult> {
      if (account.platform !== 'local') {
        throw new ChannelSendError('permanent', `local: account ${account.id} belongs to ${account.platform}`);
      }
      const delivery: LocalDelivery = {
        id: randomUUID(),
        text: renderText(message, { locale: opts.locale ?? DEFAULT_LOCALE }),
        message,
        sentAt: new Date().toISOString(),
      };
      try {
        await redis.publish(localChannel(prefix, userRef), JSON.stringify(delivery));
      } catch (err) {
        throw new ChannelSendError('transient', `local: publish failed (${String(err)})`);
      }
      return { platformMessageId: delivery.id };
    },
  };
}
