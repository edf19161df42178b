import { createServer, type Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger, Metrics } from '../observability/index.ts';
import { errorBody, HttpError } from './errors.ts';
import { type WebhookDeps, webhookHandshakes, webhookListener } from './webhooks.ts';

export interface AppDeps extends WebhookDeps {
  /** Resolves when every dependency the process needs answers (Redis, database). */
  readiness(): Promise<Record<string, boolean>>;
  /** Refreshes gauges that are read on demand (queue depth). */
  collectMetrics(): Promise<void>;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** Extra routers mounted by other areas (the staff inbox). */
  readonly mount?: (app: Express) => void;
}

/**
 * The web process: webhook POSTs go straight to their listener (the hot path), everything
 * else — health, metrics, handshakes, the staff inbox — through express.
 */
export function createWebServer(d: AppDeps): { server: Server; app: Express } {
  const app = createApp(d);
  const webhook = webhookListener(d);
  const server = createServer((req, res) => {
    if (!webhook(req, res)) app(req, res);
  });
  return { server, app };
}

function createApp(d: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await d.readiness();
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    await d.collectMetrics().catch(() => {});
    res.type(d.metrics.registry.contentType).send(await d.metrics.registry.metrics());
  });
  app.use(webhookHandshakes(d));
  d.mount?.(app);

  app.use((_req, res) => {
    res.status(404).json(errorBody('CB_ERR_NOT_FOUND'));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = toHttpError(err);
    if (e.status >= 500) d.log.error({ err }, 'request failed');
    res.status(e.status).json(errorBody(e.code, e.message));
  });
  return app;
}

/** Errors raised by express' own body parsers carry a `type`; they become our codes. */
function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new HttpError('CB_ERR_BODY_TOO_LARGE');
  if (type === 'entity.parse.failed') return new HttpError('CB_ERR_MALFORMED_JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new HttpError('CB_ERR_UNSUPPORTED_MEDIA');
  return new HttpError('CB_ERR_INTERNAL');
}
