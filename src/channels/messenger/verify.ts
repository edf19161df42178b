import { createHmac } from 'node:crypto';
import { header, isRecord, safeEqual } from '../shared.ts';
import type { WebhookRequest } from '../types.ts';

/** X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(appSecret, raw bytes as received)). */
export function verifyMessenger(req: WebhookRequest, appSecret: string | undefined): boolean {
  const given = header(req, 'x-hub-signature-256')?.trim();
  if (!appSecret || !given?.startsWith('sha256=')) return false;
  const expected = `sha256=${createHmac('sha256', appSecret).update(req.rawBody).digest('hex')}`;
  return safeEqual(expected, `sha256=${given.slice('sha256='.length).toLowerCase()}`);
}

/** Express' simple parser keeps "hub.mode" as a key; the extended one nests it under "hub". */
function hubParam(query: Record<string, unknown>, name: string): string | undefined {
  const flat = query[`hub.${name}`];
  const nested = isRecord(query.hub) ? query.hub[name] : undefined;
  const value = flat ?? nested;
  return typeof value === 'string' ? value : undefined;
}

/** GET subscription check: the challenge to echo back, or null (answer 403). */
export function messengerHandshake(query: Record<string, unknown>, verifyToken: string | undefined): string | null {
  if (!verifyToken) return null;
  const token = hubParam(query, 'verify_token');
  const challenge = hubParam(query, 'challenge');
  if (hubParam(query, 'mode') !== 'subscribe' || token === undefined || challenge === undefined) return null;
  return safeEqual(token, verifyToken) ? challenge : null;
}
