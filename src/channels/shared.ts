import { timingSafeEqual } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { MalformedPayload } from './contract.ts';
import { ChannelSendError, type WebhookRequest } from './types.ts';

/** Header lookup that does not depend on how the HTTP layer cased the names. */
export function header(req: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Constant-time string comparison; unequal lengths are rejected without comparing content. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new MalformedPayload('body is not valid JSON');
  }
}

/**
 * Platforms send epoch milliseconds as numbers or strings, and newer Meta pages show seconds.
 * Anything below 1e11 cannot be a millisecond time after 1973, so it is read as seconds.
 */
export function toEpochMs(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new MalformedPayload(`timestamp ${JSON.stringify(value)} is not a time`);
  }
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

/** Every call to a platform shares this: a timeout, and statuses handled by the caller. */
export function httpClient(timeoutMs: number): AxiosInstance {
  return axios.create({ timeout: timeoutMs, validateStatus: () => true });
}

/**
 * A request that produced no HTTP response (timeout, reset, DNS) may still have been delivered,
 * but retrying is the only way forward. The message never carries the URL, which may hold a token.
 */
export function networkFailure(platform: string, err: unknown): ChannelSendError {
  const code = axios.isAxiosError(err) ? (err.code ?? 'network') : 'network';
  return new ChannelSendError('transient', `${platform}: request failed (${code})`, code);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
