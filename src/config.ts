import { z } from 'zod';
// The one pure module of channels/ the configuration needs; not the index, which loads every client.
import { parseNightHours } from './channels/zalo/night.ts';

/**
 * Every setting of the program, read from the environment once and validated.
 * A bad value stops start-up with an error that names the variable, so an operator
 * never has to guess which line of their .env is wrong.
 */

const scope = z
  .string()
  .regex(/^(commune|province):[0-9]{2,5}$/, 'must look like commune:<code> or province:<code>');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = z.coerce.number().int().min(0).max(65535);

const BYTE_UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** "256kb" → 262144 (units of 1024, as express counts them). */
const byteSize = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be like 256kb')
    .default(fallback)
    .transform((text) => {
      const [, n, unit] = /^(\d+)(b|kb|mb)$/i.exec(text)!;
      return Number(n) * BYTE_UNITS[unit!.toLowerCase() as keyof typeof BYTE_UNITS];
    });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: optionalText,
  PGLITE_DIR: z.string().default('./data/pglite'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i).default('congboc'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  // How long a dead worker's hold on a job or a conversation lasts before another takes over.
  JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  // Meta batches up to 1,000 messaging items in one POST; 256 kB refused full batches (issue 13).
  WEBHOOK_BODY_LIMIT: byteSize('1mb'),
  // How old a message left unhandled or a reply left unsent (by a killed process) must be
  // before the periodic sweep queues it again; the sweep runs this often too.
  SWEEP_AFTER_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // How often Zalo access tokens near their end (5 h of 25) are refreshed, whether or not the
  // OA sends anything, so a refresh token never lapses unused (it lives three months).
  TOKEN_REFRESH_EVERY_MS: z.coerce.number().int().min(1000).max(86_400_000).default(30 * 60_000),
  // With Redis away a webhook answers 503 after at most this, so the platform delivers again.
  WEBHOOK_ENQUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1000),

  ZALO_APP_ID: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_OA_ID: optionalText,
  ZALO_OA_ACCESS_TOKEN: optionalText,
  ZALO_OA_REFRESH_TOKEN: optionalText,
  ZALO_OA_SCOPE: scope.optional(),
  ZALO_API_BASE: z.string().url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.string().url().default('https://oauth.zaloapp.com'),
  // A Zalo-approved template (ZNS / ZBS Template Message, paid) to tell a citizen by phone that
  // their case moved when the 7-day CS window is closed. Unset: no message by phone, ever.
  ZALO_ZNS_TEMPLATE_ID: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the template id Zalo approved, like 231633').optional(),
  ),
  ZALO_ZNS_BASE: z.string().url().default('https://business.openapi.zalo.me'),
  // Zalo refuses ZNS and promotion messages at night; those are sent again when it ends.
  // CHANNELS.md: 22:00–06:00 Vietnam time, possibly a per-template setting.
  ZALO_NIGHT_HOURS: z
    .string()
    .default('22:00-06:00')
    .transform((text, ctx) => {
      const hours = parseNightHours(text);
      if (!hours) ctx.addIssue({ code: 'custom', message: 'must look like 22:00-06:00' });
      return hours ?? z.NEVER;
    }),

  MESSENGER_APP_SECRET: optionalText,
  MESSENGER_VERIFY_TOKEN: optionalText,
  MESSENGER_PAGE_ID: optionalText,
  MESSENGER_PAGE_ACCESS_TOKEN: optionalText,
  MESSENGER_PAGE_SCOPE: scope.optional(),
  GRAPH_API_BASE: z.string().url().default('https://graph.facebook.com'),
  // Meta moves the Graph API version several times a year; CHANNELS.md marks it uncertain.
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v25.0').default('v25.0'),

  CHANNEL_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),

  // Staff are reminded this many working days before a case's due date (the escalation to
  // leaders is on the due day itself, so a reminder needs at least one day before it).
  DEADLINE_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  // Contact details of a case are erased this many days after it was answered or closed
  // (DOMAIN.md: "case life + archive period set by the commune", no fixed number found). 0 keeps them.
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(365),
  // A case still unanswered at its reminder gets its apology drafted then, so it can be signed
  // before the due date (DOMAIN.md's product default); withdrawn if answered in time. "false":
  // drafted only once the case is overdue.
  APOLOGY_DRAFT_AT_REMINDER: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),

  // Weekly digest e-mail. Without SMTP_URL no digest is scheduled and the worker says so.
  SMTP_URL: optionalText.pipe(
    z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:pass@host:587 or smtps://host:465').optional(),
  ),
  DIGEST_FROM: z.string().min(3).default('Công Bộc <congboc@localhost>'),
  DIGEST_CRON: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern of 5 or 6 fields, like 0 7 * * 1')
    .default('0 7 * * 1'),
  DIGEST_TZ: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone like Asia/Ho_Chi_Minh')
    .default('Asia/Ho_Chi_Minh'),
});

export type Config = z.infer<typeof schema>;

// Intl's list of zones holds canonical names only (Asia/Saigon); the formatter accepts aliases.
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  requireTogether(cfg, ['ZALO_OA_ID', 'ZALO_OA_ACCESS_TOKEN', 'ZALO_OA_SCOPE']);
  requireTogether(cfg, ['MESSENGER_PAGE_ID', 'MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_PAGE_SCOPE']);
  return cfg;
}

/** A one-account setup is all or nothing: half of it would fail later, far from the cause. */
function requireTogether(cfg: Config, keys: (keyof Config)[]): void {
  const set = keys.filter((k) => cfg[k] !== undefined);
  if (set.length > 0 && set.length < keys.length) {
    const missing = keys.filter((k) => cfg[k] === undefined);
    throw new ConfigError(
      `Invalid configuration:\n  ${missing.join(', ')}: required when ${set.join(', ')} is set`,
    );
  }
}
