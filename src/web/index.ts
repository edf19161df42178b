export { type AppDeps, createApp } from './app.ts';
export { errorBody, HTTP_ERRORS, HttpError, type HttpErrorCode } from './errors.ts';
export { type WebhookConnector, type WebhookDeps, webhookRouter } from './webhooks.ts';
