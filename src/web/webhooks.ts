import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import type { RejectedItem } from '../channels/index.ts';
import type { ChannelEvent, Platform, WebhookRequest } from '../channels/types.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { errorBody, HttpError } from './errors.ts';

/** The receiving side of a channel, as the webhook routes need it. */
export interface WebhookConnector {
  readonly platform: Platform;
  verify(req: WebhookRequest): boolean;
  parse(rawBody: Buffer, json?: unknown, onRejected?: (item: RejectedItem) => void): ChannelEvent[];
  handshake?(query: Record<string, unknown>): string | null;
}

export interface WebhookDeps {
  readonly connectors: readonly WebhookConnector[];
  /** Resolves only when every event is durably queued. */
  enqueue(events: readonly ChannelEvent[]): Promise<void>;
  /** Resolves only when the unreadable items are durably queued for the dead letters. */
  reject(items: readonly RejectedItem[]): Promise<void>;
  /** Whether the OA / Page is one of ours; unknown ones are acknowledged and dropped. */
  isKnownAccount(platform: Platform, accountRef: string): Promise<boolean>;
  /** Larger bodies get 413, in bytes. */
  readonly bodyLimitBytes: number;
  readonly log: Logger;
  readonly metrics: Metrics;
}

/**
 * verify → normalise → enqueue → 200 for every platform's POST. Nothing slow happens here:
 * Zalo gives up after about two seconds and redelivers, so all work is left to the workers.
 *
 * This is the one hot path of the web process, so it is served straight from node:http,
 * before express: the body must stay raw for the signature anyway, and express' router and
 * body parser cost about a quarter of the CPU of each request (bench/webhook.ts). Returns
 * whether the request was a webhook POST (and is now answered).
 */
export function webhookListener(d: WebhookDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const byPath = new Map(d.connectors.map((c) => [`/webhooks/${c.platform}`, c]));
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const connector = byPath.get(pathOf(req.url));
    if (!connector) return false;
    readBody(req, d.bodyLimitBytes)
      .then(
        (rawBody) => receive(d, connector, rawBody, req.headers),
        // The rest of an unread body is not worth reading: answer, then close the connection.
        (err: unknown): Reply => ({ ...failure(d, connector.platform, err), close: true }),
      )
      .then((reply) => send(res, reply))
      .catch((err: unknown) => d.log.error({ err }, 'webhook answer failed'));
    return true;
  };
}

/** The verification handshakes (GET), which are rare and may go through express. */
export function webhookHandshakes(d: WebhookDeps): Router {
  const router = Router();
  for (const connector of d.connectors) {
    if (!connector.handshake) continue;
    const handshake = connector.handshake.bind(connector);
    router.get(`/webhooks/${connector.platform}`, (req, res) => {
      const challenge = handshake(req.query as Record<string, unknown>);
      if (challenge === null) {
        d.metrics.webhookRequests.inc({ channel: connector.platform, result: 'handshake_refused' });
        res.status(403).json(errorBody('CB_ERR_VERIFY_FAILED'));
        return;
      }
      res.status(200).type('text/plain').send(challenge);
    });
  }
  return router;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly close?: boolean;
}

async function receive(d: WebhookDeps, connector: WebhookConnector, rawBody: Buffer, headers: IncomingMessage['headers']): Promise<Reply> {
  const channel = connector.platform;
  try {
    // Parsed once here; the channel's verify and parse read the same value. Who sent it is
    // asked first: an unsigned body is refused as such (401) whatever it holds.
    const json = parseJson(rawBody);
    if (!verified(connector, { rawBody, headers, json })) throw new HttpError('CB_ERR_BAD_SIGNATURE');
    if (json === NOT_JSON) throw new HttpError('CB_ERR_MALFORMED_JSON');
    const rejected: RejectedItem[] = [];
    const events = parseEvents(connector, rawBody, json, (item) => rejected.push(item));
    const accepted = await filterKnownAccounts(d, channel, events);
    // A bad item does not cost the good ones beside it: they are queued, it goes to the dead
    // letters, and the platform hears 200 (refusing would make it resend the whole batch).
    await enqueueOrFail(d, () => Promise.all([d.enqueue(accepted), d.reject(rejected)]));
    for (const r of rejected) d.log.warn({ channel, reference: r.reference, reason: r.reason }, 'unreadable webhook item set aside as a dead letter');
    const result = rejected.length ? 'partly_rejected' : accepted.length === events.length ? 'accepted' : 'unknown_account';
    d.metrics.webhookRequests.inc({ channel, result });
    return { status: 200, body: { ok: true, accepted: accepted.length, ...(rejected.length ? { rejected: rejected.length } : {}) } };
  } catch (err) {
    return failure(d, channel, err);
  }
}

/**
 * Before the signature is checked the body is anybody's: whatever it makes a channel's check
 * throw (a deeply nested array where a timestamp should be), the answer is 401, not 500.
 */
function verified(connector: WebhookConnector, req: WebhookRequest): boolean {
  try {
    return connector.verify(req);
  } catch {
    return false;
  }
}

function failure(d: WebhookDeps, channel: Platform, err: unknown): Reply {
  const e = err instanceof HttpError ? err : new HttpError('CB_ERR_INTERNAL');
  if (!(err instanceof HttpError)) d.log.error({ err, channel }, 'webhook failed');
  d.metrics.webhookRequests.inc({ channel, result: e.code });
  return { status: e.status, body: errorBody(e.code, e.message) };
}

function send(res: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(reply.close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

function pathOf(url: string | undefined): string {
  const q = url?.indexOf('?') ?? -1;
  return q === -1 ? (url ?? '') : url!.slice(0, q);
}

/**
 * The body as received, refused early when it cannot be a platform's JSON: over the limit
 * (by its declared length, or as it streams in) or compressed.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = (err: HttpError) => {
      req.resume();
      reject(err);
    };
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return refuse(new HttpError('CB_ERR_UNSUPPORTED_MEDIA'));
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return refuse(new HttpError('CB_ERR_BODY_TOO_LARGE'));
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        reject(new HttpError('CB_ERR_BODY_TOO_LARGE'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    // A client that goes away mid-body: nothing was accepted, and nobody waits for the answer.
    const abandoned = () => {
      if (done) return;
      done = true;
      reject(new HttpError('CB_ERR_MALFORMED_JSON', 'request body incomplete'));
    };
    req.on('error', abandoned);
    req.on('close', abandoned);
  });
}

const NOT_JSON = undefined;

/** The body's JSON, or undefined (a channel's verify then reads the raw body or refuses). */
function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

function parseEvents(connector: WebhookConnector, rawBody: Buffer, json: unknown, onRejected: (item: RejectedItem) => void): ChannelEvent[] {
  try {
    return connector.parse(rawBody, json, onRejected);
  } catch (err) {
    throw new HttpError('CB_ERR_MALFORMED_EVENT', err instanceof Error ? err.message : undefined);
  }
}

async function filterKnownAccounts(d: WebhookDeps, platform: Platform, events: ChannelEvent[]) {
  const known: ChannelEvent[] = [];
  for (const e of events) {
    if (await d.isKnownAccount(platform, e.accountRef)) known.push(e);
    else d.log.warn({ platform, accountRef: e.accountRef }, 'webhook for an unknown channel account; acknowledged and dropped');
  }
  return known;
}

async function enqueueOrFail(d: WebhookDeps, enqueue: () => Promise<unknown>): Promise<void> {
  try {
    await enqueue();
  } catch (err) {
    d.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not queue webhook events');
    // Not 200: the platform keeps the event and delivers it again.
    throw new HttpError('CB_ERR_QUEUE_UNAVAILABLE');
  }
}
