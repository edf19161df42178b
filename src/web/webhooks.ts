import express, { type Request, type Response, Router } from 'express';
import type { ChannelEvent, Platform, WebhookRequest } from '../channels/types.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { errorBody, HttpError } from './errors.ts';

/** The receiving side of a channel, as the webhook routes need it. */
export interface WebhookConnector {
  readonly platform: Platform;
  verify(req: WebhookRequest): boolean;
  parse(rawBody: Buffer): ChannelEvent[];
  handshake?(query: Record<string, unknown>): string | null;
}

export interface WebhookDeps {
  readonly connectors: readonly WebhookConnector[];
  /** Resolves only when every event is durably queued. */
  enqueue(events: readonly ChannelEvent[]): Promise<void>;
  /** Whether the OA / Page is one of ours; unknown ones are acknowledged and dropped. */
  isKnownAccount(platform: Platform, accountRef: string): Promise<boolean>;
  readonly bodyLimit: string;
  readonly log: Logger;
  readonly metrics: Metrics;
}

/**
 * verify → normalise → enqueue → 200. Nothing slow happens here: Zalo gives up after about
 * two seconds and redelivers, so all work is left to the workers.
 */
export function webhookRouter(d: WebhookDeps): Router {
  const router = Router();
  // Signatures are computed over the exact bytes received, so the body is kept raw.
  const raw = express.raw({ type: () => true, limit: d.bodyLimit });
  for (const connector of d.connectors) {
    const path = `/webhooks/${connector.platform}`;
    if (connector.handshake) {
      const handshake = connector.handshake.bind(connector);
      router.get(path, (req, res) => {
        const challenge = handshake(req.query as Record<string, unknown>);
        if (challenge === null) {
          d.metrics.webhookRequests.inc({ channel: connector.platform, result: 'handshake_refused' });
          res.status(403).json(errorBody('CB_ERR_VERIFY_FAILED'));
          return;
        }
        res.status(200).type('text/plain').send(challenge);
      });
    }
    router.post(path, raw, (req, res) => receive(d, connector, req, res));
  }
  return router;
}

async function receive(d: WebhookDeps, connector: WebhookConnector, req: Request, res: Response): Promise<void> {
  const channel = connector.platform;
  const count = (result: string) => d.metrics.webhookRequests.inc({ channel, result });
  try {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    assertJson(rawBody);
    if (!connector.verify({ rawBody, headers: req.headers })) throw new HttpError('CB_ERR_BAD_SIGNATURE');
    const events = parseEvents(connector, rawBody);
    const accepted = await filterKnownAccounts(d, channel, events);
    await enqueueOrFail(d, accepted);
    count(accepted.length === events.length ? 'accepted' : 'unknown_account');
    res.status(200).json({ ok: true, accepted: accepted.length });
  } catch (err) {
    const e = err instanceof HttpError ? err : new HttpError('CB_ERR_INTERNAL');
    if (!(err instanceof HttpError)) d.log.error({ err, channel }, 'webhook failed');
    count(e.code);
    res.status(e.status).json(errorBody(e.code, e.message));
  }
}

function assertJson(rawBody: Buffer): void {
  try {
    JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new HttpError('CB_ERR_MALFORMED_JSON');
  }
}

function parseEvents(connector: WebhookConnector, rawBody: Buffer): ChannelEvent[] {
  try {
    return connector.parse(rawBody);
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

async function enqueueOrFail(d: WebhookDeps, events: ChannelEvent[]): Promise<void> {
  try {
    await d.enqueue(events);
  } catch (err) {
    d.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not queue webhook events');
    // Not 200: the platform keeps the event and delivers it again.
    throw new HttpError('CB_ERR_QUEUE_UNAVAILABLE');
  }
}
