import { isRecord } from '../shared.ts';
import { ChannelSendError, type SendFailureKind } from '../types.ts';

/**
 * Graph error → what the outbound queue should do (CHANNELS.md B2). Page tokens cannot be
 * refreshed by us: 190 needs a new token from an admin, so the account is marked for re-grant.
 */
export function messengerErrorKind(status: number, code: number | undefined, subcode: number | undefined, transientFlag: boolean): SendFailureKind {
  if (code === 10 && subcode === 2018278) return 'outside_window';
  if (code === 10 && subcode === 1893063) return 'restricted'; // the Page is temporarily restricted from messaging
  if (code === 551) return 'unreachable'; // "This person isn't available right now"
  if (code === 100 && subcode === 2018001) return 'unreachable'; // no matching user
  if (code === 200 && subcode === 1545041) return 'unreachable'; // person not available (blocked)
  if (code === 613 || code === 4 || code === 17 || code === 32 || code === 80006) return 'rate_limited';
  if (code === 2 || code === 1200 || transientFlag) return 'transient'; // "temporary send message failure"
  if (code === 190) return 'needs_regrant'; // the Page token is invalid or revoked: an admin must give a new one
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'transient';
  return 'permanent';
}

export function messengerError(status: number, body: unknown): ChannelSendError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const kind = messengerErrorKind(status, code, subcode, error.is_transient === true);
  const platformCode = code === undefined ? `http_${status}` : subcode === undefined ? String(code) : `${code}/${subcode}`;
  const message = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  return new ChannelSendError(kind, `messenger ${platformCode}: ${message}`, platformCode);
}
