import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { type Database, migrate, openDatabase } from '../../db/index.ts';
import {
  addRecipient,
  computeDigest,
  type DigestRecipient,
  type DigestScope,
  DigestDeliveryFailed,
  deliverDigest,
  listDigestRecords,
  listRecipients,
  parseWeek,
  previousWeek,
  renderDigest,
  setRecipientActive,
  smtpMailer,
  type Week,
} from '../../digests/index.ts';
import { isLocale, type Locale, t } from '../../i18n/index.ts';

/**
 * `congboc digest preview|send|recipients|status`: the weekly digest by hand. Preview prints
 * the e-mail's text (or HTML); the other actions print JSON lines for scripts.
 */

export const summary = t('en', 'digests.cli.summary');

class UsageError extends Error {
  override name = 'UsageError';
}

function parseDigestScope(text: string | undefined): DigestScope {
  const m = /^(commune|province):([0-9]{2,5})$/.exec((text ?? '').trim());
  if (!m) throw new UsageError(`--scope must look like commune:<code> or province:<code>, got "${text ?? ''}"`);
  return { kind: m[1] as DigestScope['kind'], code: m[2]! };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scope: { type: 'string' },
      week: { type: 'string' },
      lang: { type: 'string' },
      html: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const lang: Locale = isLocale(values.lang) ? values.lang : 'vi';
  const [action, sub] = positionals;
  if (!action || !['preview', 'send', 'recipients', 'status'].includes(action)) {
    process.stderr.write(`${t(lang, 'digests.cli.usage')}\n`);
    return 2;
  }
  const cfg = loadConfig();
  let db: Database | undefined;
  try {
    const week: Week = values.week ? parseWeek(values.week) : previousWeek(new Date());
    db = await openDatabase({ url: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR });
    await migrate(db);
    const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
    switch (action) {
      case 'preview': {
        const digest = await computeDigest(db, { scope: parseDigestScope(values.scope), weekStart: week.start });
        const mail = renderDigest(digest, { locale: lang, publicUrl: cfg.PUBLIC_URL });
        process.stdout.write(values.html ? mail.html : `${mail.subject}\n\n${mail.text}`);
        return 0;
      }
      case 'send': {
        const scope = parseDigestScope(values.scope);
        if (!cfg.SMTP_URL) {
          process.stderr.write(`${t(lang, 'digests.cli.no_smtp')}\n`);
          return 1;
        }
        const mailer = smtpMailer(cfg.SMTP_URL);
        try {
          const result = await deliverDigest(
            { db, mailer, from: cfg.DIGEST_FROM, publicUrl: cfg.PUBLIC_URL },
            { scope, weekStart: week.start },
          );
          out({ scope: `${scope.kind}:${scope.code}`, week: week.start, ...result });
          const label = `${scope.kind}:${scope.code}`;
          if (result.outcome === 'no_recipients') process.stderr.write(`${t(lang, 'digests.cli.no_recipients', { scope: label })}\n`);
          if (result.outcome === 'busy') process.stderr.write(`${t(lang, 'digests.cli.busy', { scope: label })}\n`);
          return result.outcome === 'sent' || result.outcome === 'already_sent' ? 0 : 1;
        } catch (err) {
          if (!(err instanceof DigestDeliveryFailed)) throw err;
          out({ scope: `${scope.kind}:${scope.code}`, week: week.start, outcome: 'failed', digestId: err.digestId, failures: err.failures });
          return 1;
        } finally {
          mailer.close();
        }
      }
      case 'status':
        for (const r of await listDigestRecords(db, week.start)) {
          out({ scope: `${r.scope.kind}:${r.scope.code}`, week: week.start, status: r.status, attempts: r.attempts, error: r.error });
        }
        return 0;
      case 'recipients':
        return await recipients(db, sub, values);
    }
    return 2;
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof Error && /^(InvalidRecipient|UnknownScope|InvalidDateError)$/.test(err.name))) {
      throw err;
    }
    process.stderr.write(`${err.message}\n${t(lang, 'digests.cli.usage')}\n`);
    return 2;
  } finally {
    await db?.close();
  }
}

async function recipients(
  db: Database,
  sub: string | undefined,
  values: { scope?: string | undefined; email?: string | undefined; name?: string | undefined; locale?: string | undefined },
): Promise<number> {
  const describe = (r: DigestRecipient) => ({
    scope: `${r.scope.kind}:${r.scope.code}`,
    email: r.email,
    name: r.name,
    locale: r.locale,
    active: r.active,
  });
  const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
  if (sub === 'list') {
    const scope = values.scope ? parseDigestScope(values.scope) : undefined;
    for (const r of await listRecipients(db, { ...(scope ? { scope } : {}), includeInactive: true })) out(describe(r));
    return 0;
  }
  if (sub === 'add') {
    if (!values.email) throw new UsageError('--email is required');
    if (values.locale !== undefined && !isLocale(values.locale)) throw new UsageError('--locale must be vi or en');
    const r = await addRecipient(db, {
      scope: parseDigestScope(values.scope),
      email: values.email,
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.locale !== undefined ? { locale: values.locale as Locale } : {}),
    });
    out(describe(r));
    return 0;
  }
  if (sub === 'disable' || sub === 'enable') {
    if (!values.email) throw new UsageError('--email is required');
    const scope = parseDigestScope(values.scope);
    const found = await setRecipientActive(db, scope, values.email, sub === 'enable');
    if (!found) {
      process.stderr.write(`no recipient ${values.email} for ${scope.kind}:${scope.code}\n`);
      return 1;
    }
    out({ scope: `${scope.kind}:${scope.code}`, email: values.email, active: sub === 'enable' });
    return 0;
  }
  throw new UsageError(`unknown recipients action "${sub ?? ''}"`);
}
