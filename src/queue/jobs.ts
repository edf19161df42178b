import type { ChannelEvent } from '../channels/types.ts';

/** Queue names. Each has one payload type; payloads are plain JSON. */
export const QUEUE = {
  inbound: 'inbound',
  outbound: 'outbound',
  timers: 'timers',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export type InboundJob =
  /** An event a webhook accepted. */
  | { readonly kind: 'event'; readonly event: ChannelEvent }
  /** Handle whatever a conversation has stored but not handled (recovery, retries). */
  | { readonly kind: 'drain'; readonly conversationId: string };

export interface OutboundJob {
  readonly messageId: string;
}

export interface TimerJob {
  readonly conversationId: string;
  readonly token: string;
  readonly name: string;
}

export type MaintenanceJob = { readonly kind: 'sweep' };

/** BullMQ job ids may not contain ':'; platform ids can. */
function safeId(...parts: string[]): string {
  return parts.join('-').replace(/:/g, '_');
}

export const jobId = {
  event: (e: ChannelEvent) => safeId('in', e.platform, e.accountRef, e.eventId),
  drain: (conversationId: string, bucket: string) => safeId('drain', conversationId, bucket),
  outbound: (messageId: string) => safeId('out', messageId),
  timer: (conversationId: string, token: string) => safeId('timer', conversationId, token),
};
