import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { seedWeek, THUC_PHAN } from './seed.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('congboc digest', () => {
  let t0: TestDatabase;
  let smtp: TestSmtp;

  // Asynchronous on purpose: the SMTP server answering the child lives in this process.
  async function congboc(args: string[], extra: NodeJS.ProcessEnv = {}) {
    const env = { ...process.env, DATABASE_URL: t0.url!, LOG_LEVEL: 'silent', SMTP_URL: '', ...extra };
    try {
      const r = await run(process.execPath, [join(ROOT, 'bin', 'congboc.js'), 'digest', ...args], { cwd: ROOT, env });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    t0 = await freshDatabase('postgres');
    await seedWeek(t0.db);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await t0.drop();
  });

  it('previews the text digest of any day of the week, and HTML on request', async () => {
    const r = await congboc(['preview', '--scope', `commune:${THUC_PHAN.code}`, '--week', '2026-11-19']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      t('vi', 'digests.subject', { from: '16/11/2026', to: '22/11/2026', scope: 'Phường Thục Phán' }),
    );
    expect(r.stdout).toContain(`${t('vi', 'digests.metric.received')}: 4`);
    const html = await congboc(['preview', '--scope', `commune:${THUC_PHAN.code}`, '--week', '2026-11-16', '--html', '--lang', 'en']);
    expect(html.stdout.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
  });

  it('adds recipients, sends once, and reports the status as JSON', async () => {
    const scope = `commune:${THUC_PHAN.code}`;
    const added = await congboc(['recipients', 'add', '--scope', scope, '--email', 'chu.tich@thucphan.example.vn', '--name', 'Chủ tịch']);
    expect(JSON.parse(added.stdout)).toEqual({ scope, email: 'chu.tich@thucphan.example.vn', name: 'Chủ tịch', locale: 'vi', active: true });

    const noSmtp = await congboc(['send', '--scope', scope, '--week', '2026-11-16']);
    expect(noSmtp.code).toBe(1);
    expect(noSmtp.stderr).toContain(t('vi', 'digests.cli.no_smtp'));

    const sent = await congboc(['send', '--scope', scope, '--week', '2026-11-16'], { SMTP_URL: smtp.url });
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ scope, week: '2026-11-16', outcome: 'sent', delivered: 1 });
    const again = await congboc(['send', '--scope', scope, '--week', '2026-11-16'], { SMTP_URL: smtp.url });
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already_sent' });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['chu.tich@thucphan.example.vn']);

    const status = await congboc(['status', '--week', '2026-11-16']);
    expect(JSON.parse(status.stdout)).toEqual({ scope, week: '2026-11-16', status: 'sent', attempts: 1, error: null });
  });

  it('exits 1 with the reason when no one receives the unit, and 2 on bad input', async () => {
    const none = await congboc(['send', '--scope', 'province:04', '--week', '2026-11-16'], { SMTP_URL: smtp.url });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(t('vi', 'digests.cli.no_recipients', { scope: 'province:04' }));
    expect((await congboc(['preview', '--scope', 'xa:1'])).code).toBe(2);
    expect((await congboc(['preview', '--scope', 'commune:99999'])).code).toBe(2);
    expect((await congboc(['preview', '--scope', `commune:${THUC_PHAN.code}`, '--week', '2026-02-30'])).code).toBe(2);
    expect((await congboc(['recipients', 'add', '--scope', 'province:04', '--email', 'nope'])).code).toBe(2);
    expect((await congboc([])).code).toBe(2);
  });
});
