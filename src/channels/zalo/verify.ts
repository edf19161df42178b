import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { header, isRecord, safeEqual } from '../shared.ts';
import type { WebhookRequest } from '../types.ts';

export interface ZaloVerifyKeys {
  readonly appId: string | undefined;
  readonly oaSecretKey: string | undefined;
  readonly appSecret: string | undefined;
}

/** The OA id as it appears in each kind of envelope (user events, echoes, follow events). */
function oaIdOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.oa_id === 'string') return body.oa_id;
  const side = String(body.event_name ?? '').startsWith('oa_') ? body.sender : body.recipient;
  return isRecord(side) && typeof side.id === 'string' ? side.id : undefined;
}

/**
 * X-ZEvent-Signature = "mac=" + hex(sha256(id + rawBody + body.timestamp + secret)).
 * CHANNELS.md records two disagreements (app id or OA id first; OA secret key or app secret),
 * so every combination is tried — each still needs one of our secrets — and the match is logged
 * so the set can be narrowed once live traffic shows which one Zalo uses.
 */
export function verifyZalo(req: WebhookRequest, keys: ZaloVerifyKeys, log: Logger): boolean {
  const given = header(req, 'x-zevent-signature')?.trim();
  if (!given || !keys.appId) return false;
  const secrets = [
    ['oa_secret_key', keys.oaSecretKey],
    ['app_secret', keys.appSecret],
  ].filter((s): s is [string, string] => typeof s[1] === 'string' && s[1] !== '');
  if (secrets.length === 0) return false;

  let body: unknown = req.json;
  if (body === undefined) {
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return false;
    }
  }
  // Only a number or a string can be signed; anything else is not Zalo's (and String() of a
  // deeply nested array would overflow the stack).
  if (!isRecord(body) || (typeof body.timestamp !== 'string' && typeof body.timestamp !== 'number')) return false;
  const timestamp = String(body.timestamp);
  const mac = given.replace(/^mac=/i, '');
  const oaId = oaIdOf(body);
  const ids = [['app_id', keys.appId], ...(oaId ? [['oa_id', oaId]] : [])] as [string, string][];

  let matched: string | undefined;
  for (const [idName, id] of ids) {
    for (const [secretName, secret] of secrets) {
      const expected = createHash('sha256')
        .update(id, 'utf8')
        .update(req.rawBody)
        .update(timestamp + secret, 'utf8')
        .digest('hex');
      // Every candidate is computed and compared, so timing does not reveal which one matched.
      if (safeEqual(expected, mac.toLowerCase()) && matched === undefined) matched = `${idName}+${secretName}`;
    }
  }
  if (matched) log.debug({ platform: 'zalo', signatureVariant: matched }, 'zalo signature matched');
  return matched !== undefined;
}
