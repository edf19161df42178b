import type { SendOptions } from '../channels/index.ts';
import type { Platform } from '../channels/types.ts';

/**
 * Whether the platform still lets us write to a citizen who last wrote at `lastInboundAt`
 * (CHANNELS.md Part C). Messenger: anything within 24 h; from 24 h to 7 days only a message a
 * staff member wrote, under the HUMAN_AGENT tag. Zalo: a CS message within 7 days of the
 * citizen's last interaction (-230 beyond). Past every window the notice is held for the
 * citizen's next message and staff are asked to call, or on Zalo, when an approved template
 * is configured and the citizen gave their phone, told by phone (notify.ts).
 */

const HOUR_MS = 3_600_000;
export const MESSENGER_STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const MESSENGER_HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
export const ZALO_CS_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Who wrote the words: an automatic notice may not use the human-agent tag. */
export type Author = 'system' | 'staff';

export type CallReason = 'messenger_window_closed' | 'zalo_window_closed' | 'never_wrote';

export type NoticeDecision =
  | { readonly kind: 'send'; readonly sendOptions: SendOptions }
  | { readonly kind: 'call_citizen'; readonly reason: CallReason };

export interface NoticeContext {
  readonly platform: Platform;
  readonly lastInboundAt: Date | null;
  readonly now: Date;
  readonly author: Author;
}

export function decideNotice(c: NoticeContext): NoticeDecision {
  if (c.platform === 'local') return { kind: 'send', sendOptions: {} };
  if (c.lastInboundAt === null) return { kind: 'call_citizen', reason: 'never_wrote' };
  const age = c.now.getTime() - c.lastInboundAt.getTime();
  if (c.platform === 'zalo') {
    return age <= ZALO_CS_WINDOW_MS ? { kind: 'send', sendOptions: {} } : { kind: 'call_citizen', reason: 'zalo_window_closed' };
  }
  if (age <= MESSENGER_STANDARD_WINDOW_MS) return { kind: 'send', sendOptions: { messaging: { kind: 'RESPONSE' } } };
  if (c.author === 'staff' && age <= MESSENGER_HUMAN_AGENT_WINDOW_MS) {
    return { kind: 'send', sendOptions: { messaging: { kind: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } } };
  }
  return { kind: 'call_citizen', reason: 'messenger_window_closed' };
}
