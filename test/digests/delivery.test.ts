import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/deadlines/index.ts';
import {
  addRecipient,
  type DeliveryDeps,
  DigestDeliveryFailed,
  deliverDigest,
  getDigestRecord,
  InvalidRecipient,
  listRecipients,
  type Mailer,
  setRecipientActive,
  smtpMailer,
  UnknownScope,
} from '../../src/digests/index.ts';
import { t } from '../../src/i18n/index.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../support/db.ts';
import { HOSTILE_TEXT, NOW, NUNG_TRI_CAO, PROVINCE, seedWeek, THUC_PHAN, WEEK } from './seed.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

const weekStart = WEEK as IsoDate;
const commune = { kind: 'commune' as const, code: THUC_PHAN.code };

describe.each(DB_KINDS)('digest delivery over SMTP on %s', (kind) => {
  let t0: TestDatabase;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let deps: DeliveryDeps;

  beforeAll(async () => {
    t0 = await freshDatabase(kind);
    await seedWeek(t0.db);
    smtp = await startTestSmtp();
    mailer = smtpMailer(smtp.url);
    deps = { db: t0.db, mailer, from: 'Công Bộc <congboc@ubnd.example.vn>', now: () => NOW };
    await addRecipient(t0.db, { scope: commune, email: 'chu.tich@thucphan.example.vn', name: 'Chủ tịch UBND phường', locale: 'vi' });
    await addRecipient(t0.db, { scope: commune, email: 'advisor@example.org', name: 'Advisor', locale: 'en' });
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.failNext(0);
    smtp.refuseAll(false);
    smtp.refuseRecipient(null);
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t0.drop();
  });

  it('mails each recipient in their language and records the digest as sent', async () => {
    const result = await deliverDigest(deps, { scope: commune, weekStart });
    expect(result).toMatchObject({ outcome: 'sent', delivered: 2 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['advisor@example.org'], ['chu.tich@thucphan.example.vn']]);
    const vi = smtp.received.find((m) => m.to[0] === 'chu.tich@thucphan.example.vn')!;
    expect(vi.text()).toContain(t('vi', 'digests.greeting_named', { name: 'Chủ tịch UBND phường' }));
    expect(vi.text()).toContain(`${t('vi', 'digests.metric.received')}: 4`);
    expect(vi.text()).toContain(HOSTILE_TEXT);
    expect(vi.html()).not.toContain('<script>');
    expect(vi.header('Message-ID')).toMatch(/^<digest\.commune\.01273\.2026-11-16\.[0-9a-f]{16}@ubnd\.example\.vn>$/);
    const en = smtp.received.find((m) => m.to[0] === 'advisor@example.org')!;
    expect(en.text()).toContain(`${t('en', 'digests.metric.received')}: 4`);
    const record = await getDigestRecord(t0.db, { scope: commune, weekStart });
    expect(record).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect(record!.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(record!.content.totals.received).toBe(4);
  });

  it('never mails the same unit and week twice, even when asked twice at once', async () => {
    expect(await deliverDigest(deps, { scope: commune, weekStart })).toMatchObject({ outcome: 'already_sent' });
    const province = { kind: 'province' as const, code: PROVINCE };
    await addRecipient(t0.db, { scope: province, email: 'so.noi.vu@caobang.example.vn' });
    const both = await Promise.all([
      deliverDigest(deps, { scope: province, weekStart }),
      deliverDigest(deps, { scope: province, weekStart }),
    ]);
    expect(both.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(['sent']));
    expect(both.filter((r) => r.outcome === 'sent')).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to[0] === 'so.noi.vu@caobang.example.vn')).toHaveLength(1);
    expect(await deliverDigest(deps, { scope: province, weekStart })).toMatchObject({ outcome: 'already_sent' });
    expect(smtp.received).toHaveLength(1);
  });

  it('records a failure with its reason, and a retry mails only those not yet reached', async () => {
    const scope = { kind: 'commune' as const, code: NUNG_TRI_CAO.code };
    await addRecipient(t0.db, { scope, email: 'a@nungtricao.example.vn' });
    await addRecipient(t0.db, { scope, email: 'b@nungtricao.example.vn' });
    smtp.refuseRecipient('b@nungtricao.example.vn');
    const err = await deliverDigest(deps, { scope, weekStart }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestDeliveryFailed);
    expect((err as DigestDeliveryFailed).failures.map((f) => f.email)).toEqual(['b@nungtricao.example.vn']);
    const failed = await getDigestRecord(t0.db, { scope, weekStart });
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.error).toMatch(/b@nungtricao\.example\.vn: .*550/);
    expect(failed!.deliveries.map((d) => [d.email, d.status])).toEqual([
      ['a@nungtricao.example.vn', 'sent'],
      ['b@nungtricao.example.vn', 'failed'],
    ]);

    smtp.refuseRecipient(null);
    expect(await deliverDigest(deps, { scope, weekStart })).toMatchObject({ outcome: 'sent', delivered: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['a@nungtricao.example.vn', 'b@nungtricao.example.vn']);
    expect(await getDigestRecord(t0.db, { scope, weekStart })).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('sends on a retry the numbers recorded at the first attempt', async () => {
    const scope = commune;
    const week = '2026-11-09' as IsoDate;
    smtp.refuseAll(true);
    await expect(deliverDigest(deps, { scope, weekStart: week })).rejects.toThrow(/554/);
    const first = await getDigestRecord(t0.db, { scope, weekStart: week });
    smtp.refuseAll(false);
    const later: DeliveryDeps = { ...deps, now: () => new Date('2026-12-01T00:00:00Z') };
    await deliverDigest(later, { scope, weekStart: week });
    const sent = await getDigestRecord(t0.db, { scope, weekStart: week });
    expect(sent!.content).toEqual(first!.content);
    expect(sent!.content.generatedAt).toBe(NOW.toISOString());
  });

  it('lets a crashed sender\'s hold run out, and not before', async () => {
    const scope = commune;
    const week = '2026-11-02' as IsoDate;
    // A sender that never returns: the hold is taken, nothing is recorded as sent.
    const stuck: Mailer = { send: () => new Promise(() => {}), close() {} };
    void deliverDigest({ ...deps, mailer: stuck, leaseMs: 60_000 }, { scope, weekStart: week });
    await expect.poll(async () => (await getDigestRecord(t0.db, { scope, weekStart: week }))?.status).toBe('sending');
    expect(await deliverDigest(deps, { scope, weekStart: week })).toMatchObject({ outcome: 'busy' });
    const afterLease: DeliveryDeps = { ...deps, now: () => new Date(NOW.getTime() + 61_000) };
    expect(await deliverDigest(afterLease, { scope, weekStart: week })).toMatchObject({ outcome: 'sent', delivered: 2 });
  });

  it('records nothing for a unit nobody receives, and manages recipients', async () => {
    const scope = { kind: 'province' as const, code: '79' };
    expect(await deliverDigest(deps, { scope, weekStart })).toEqual({ outcome: 'no_recipients' });
    expect(await getDigestRecord(t0.db, { scope, weekStart })).toBeNull();
    await expect(addRecipient(t0.db, { scope, email: 'not an address' })).rejects.toThrow(InvalidRecipient);
    await expect(addRecipient(t0.db, { scope: { kind: 'commune', code: '99999' }, email: 'a@b.vn' })).rejects.toThrow(UnknownScope);
    await addRecipient(t0.db, { scope, email: 'X@hcm.example.vn', name: 'X' });
    await addRecipient(t0.db, { scope, email: 'x@HCM.example.vn', name: 'X2', locale: 'en' });
    expect((await listRecipients(t0.db, { scope })).map((r) => [r.name, r.locale])).toEqual([['X2', 'en']]);
    expect(await setRecipientActive(t0.db, scope, 'x@hcm.example.vn', false)).toBe(true);
    expect(await listRecipients(t0.db, { scope })).toEqual([]);
    expect(await deliverDigest(deps, { scope, weekStart })).toEqual({ outcome: 'no_recipients' });
  });
});
