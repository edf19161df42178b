import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths never written to a log: secrets, tokens, and what identifies a citizen. pino's
 * redaction is applied at serialisation, so a careless `log.info({ account })` is still safe.
 */
const REDACT = [
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.appSecret',
  '*.secret',
  '*.password',
  '*.passwordHash',
  '*.phone',
  '*.reporterPhone',
  '*.reporterName',
  '*.text',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-zevent-signature"]',
  'headers.authorization',
  'headers.cookie',
  'config.ZALO_APP_SECRET',
  'config.ZALO_OA_SECRET_KEY',
  'config.MESSENGER_APP_SECRET',
  'config.MESSENGER_VERIFY_TOKEN',
  'config.ZALO_OA_ACCESS_TOKEN',
  'config.ZALO_OA_REFRESH_TOKEN',
  'config.MESSENGER_PAGE_ACCESS_TOKEN',
  'config.DATABASE_URL',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'congboc' } },
    destination ?? process.stdout,
  );
}
