export { type AppDeps, createWebServer } from './app.ts';
export { errorBody, HTTP_ERRORS, HttpError, type HttpErrorCode } from './errors.ts';
export type { WebhookConnector, WebhookDeps } from './webhooks.ts';
