import { ChannelSendError, type SendFailureKind } from '../types.ts';
import { type NightHours, nightEnds } from './night.ts';

/** Zalo OA error codes (CHANNELS.md A2, A4) → what the outbound queue should do. */
const KINDS: ReadonlyMap<number, SendFailureKind> = new Map([
  [-216, 'token_expired'], // access token is invalid
  [-220, 'token_expired'], // access token expired or removed
  [-124, 'token_expired'], // ZNS flavour of "token invalid"
  [-230, 'outside_window'], // no interaction in the past 7 days
  [-232, 'outside_window'], // no interaction, or it expired
  [-32, 'rate_limited'], // OA/app call limit per minute
  [-211, 'rate_limited'], // out of quota
  [-218, 'rate_limited'], // per-recipient receive quota
  [-144, 'rate_limited'], // ZNS daily limit
  [-100, 'transient'], // unknown error on Zalo's side: the same request may pass a moment later
  [-213, 'unreachable'], // user has not followed / unfollowed the OA
  [-217, 'unreachable'], // user has blocked the OA
  [-244, 'restricted'], // the OA is restricted from sending for now
  [-227, 'unreachable'], // user banned or inactive for 45 days
  [-114, 'unreachable'], // ZNS: user cannot receive
  [-119, 'unreachable'], // ZNS: user cannot receive
  [-139, 'unreachable'], // user refused this content
  [-141, 'unreachable'], // user refused this OA
  [-234, 'quiet_hours'], // night-time block: the same message goes through in the morning
  [-133, 'quiet_hours'], // ZNS: cannot send at night (22:00-06:00)
  [-108, 'permanent'], // ZNS: phone number invalid
  [-115, 'permanent'], // ZNS: Zalo Cloud Account out of balance
  [-131, 'permanent'], // ZNS: template not approved
]);

export function zaloErrorKind(code: number): SendFailureKind {
  return KINDS.get(code) ?? 'permanent';
}

/**
 * A Zalo error as the outbound queue sees it. A night-time refusal is retried when the night
 * ends; if our clock says it is not night (the hours are configured wrong, or the template has
 * its own), it is an ordinary transient failure rather than a wait until tomorrow.
 */
export function zaloError(code: number, message: string, at: Date, night: NightHours): ChannelSendError {
  const kind = zaloErrorKind(code);
  const text = `zalo ${code}: ${message}`;
  if (kind !== 'quiet_hours') return new ChannelSendError(kind, text, String(code));
  const ends = nightEnds(at, night);
  return ends ? new ChannelSendError('quiet_hours', text, String(code), ends) : new ChannelSendError('transient', text, String(code));
}

/** HTTP-level failures: Zalo answers API errors with 200, so these come from its front end. */
export function zaloHttpError(status: number): ChannelSendError {
  const kind: SendFailureKind = status === 429 ? 'rate_limited' : status >= 500 ? 'transient' : 'permanent';
  return new ChannelSendError(kind, `zalo: HTTP ${status}`, `http_${status}`);
}
