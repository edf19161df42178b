import type { RejectedItem } from '../channels/index.ts';
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
  /**
   * An event a webhook accepted. Only its id: the event (what the citizen wrote) waits in
   * `EventPayloads` until stored, so finished jobs and the queue dashboard hold no personal data.
   */
  | { readonly kind: 'event'; readonly platform: ChannelEvent['platform']; readonly accountRef: string; readonly eventId: string }
  /** Handle whatever a conversation has stored but not handled (recovery, retries). */
  | { readonly kind: 'drain'; readonly conversationId: string }
  /** An item of a delivery no channel could read, for the dead letters (no content). */
  | { readonly kind: 'rejected'; readonly item: RejectedItem };

export interface OutboundJob {
  readonly messageId: string;
}

/** An inactivity timer a turn armed; it counts only while the conversation still has `token`. */
export interface InactivityTimerJob {
  readonly kind?: 'timer';
  readonly conversationId: string;
  readonly token: string;
  readonly name: string;
}

/** Staff hand a conversation back to the bot before its hand-off would end by itself. */
export interface EndHandoffJob {
  readonly kind: 'end_handoff';
  readonly conversationId: string;
  /** One per staff action: a retried job is the same action, a second click another. */
  readonly requestId: string;
}

/** Jobs that act on a conversation's state later, under its lock, like a turn. */
export type TimerJob = InactivityTimerJob | EndHandoffJob;

/** The periodic sweep for work a crash left behind; the daily retention run over personal data; the token refresh. */
export type MaintenanceJob = { readonly kind: 'sweep' } | { readonly kind: 'retention' } | { readonly kind: 'tokens' };

/** BullMQ job ids may not contain ':'; platform ids can. */
function safeId(...parts: string[]): string {
  return parts.join('-').replace(/:/g, '_');
}

export const jobId = {
  event: (e: ChannelEvent) => safeId('in', e.platform, e.accountRef, e.eventId),
  rejected: (r: RejectedItem) => safeId('rejected', r.platform, r.reference),
  drain: (conversationId: string, bucket: string) => safeId('drain', conversationId, bucket),
  outbound: (messageId: string) => safeId('out', messageId),
  timer: (conversationId: string, token: string) => safeId('timer', conversationId, token),
  endHandoff: (conversationId: string, requestId: string) => safeId('end-handoff', conversationId, requestId),
};
