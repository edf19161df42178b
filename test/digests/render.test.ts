import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/deadlines/index.ts';
import { computeDigest, type Digest, escapeHtml, renderDigest } from '../../src/digests/index.ts';
import { t } from '../../src/i18n/index.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { HOSTILE_TEXT, NOW, PROVINCE, type Seeded, seedWeek, THUC_PHAN, WEEK } from './seed.ts';

describe('digest rendering', () => {
  let t0: TestDatabase;
  let seeded: Seeded;
  let commune: Digest;
  let province: Digest;

  beforeAll(async () => {
    t0 = await freshDatabase('pglite');
    seeded = await seedWeek(t0.db);
    commune = await computeDigest(t0.db, { scope: { kind: 'commune', code: THUC_PHAN.code }, weekStart: WEEK as IsoDate, now: NOW });
    province = await computeDigest(t0.db, { scope: { kind: 'province', code: PROVINCE }, weekStart: WEEK as IsoDate, now: NOW });
  });
  afterAll(() => t0.drop());

  it('escapes citizen text in HTML and keeps it verbatim in plain text', () => {
    const mail = renderDigest(commune, { locale: 'vi', publicUrl: 'https://desk.example.vn/' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>4 lần</b>');
    expect(mail.html).toContain(escapeHtml(HOSTILE_TEXT));
    expect(mail.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; bắt');
    expect(mail.text).toContain(HOSTILE_TEXT);
    expect(mail.text).toContain(`https://desk.example.vn/inbox/cases/${seeded.cases.overdue!.id}`);
  });

  it('escapes a hostile recipient name too', () => {
    const mail = renderDigest(commune, { locale: 'vi', recipientName: 'Ông <A> & "B"' });
    expect(mail.html).toContain(escapeHtml(t('vi', 'digests.greeting_named', { name: 'Ông <A> & "B"' })));
    expect(mail.html).not.toContain('<A>');
  });

  it('references no external asset', () => {
    const { html } = renderDigest(province, { locale: 'vi' });
    expect(html).not.toMatch(/<(img|link|script|iframe|object)\b/i);
    expect(html).not.toMatch(/url\(|src=/i);
  });

  it('writes Vietnamese with the official unit names and label names from the catalogue', () => {
    const { subject, text, html } = renderDigest(province, { locale: 'vi' });
    expect(subject).toBe(t('vi', 'digests.subject', { from: '16/11/2026', to: '22/11/2026', scope: 'Tỉnh Cao Bằng' }));
    for (const s of [text, html]) {
      expect(s).toContain('Phường Thục Phán');
      expect(s).toContain('Phường Nùng Trí Cao');
      expect(s).toContain(t('vi', 'labels.tham_nhung.name'));
      expect(s).toContain(t('vi', 'digests.label_unknown'));
      expect(s).toContain(t('vi', 'digests.protected'));
      expect(s).not.toContain('0912345678');
    }
    expect(text).toBe(text.normalize('NFC'));
  });

  it('shows the same totals in text and HTML', () => {
    const { text, html } = renderDigest(province, { locale: 'vi' });
    const received = `${t('vi', 'digests.metric.received')}: ${province.totals.received}`;
    expect(text).toContain(received);
    expect(html).toMatch(new RegExp(`>${t('vi', 'digests.metric.received')}</td><td [^>]*>${province.totals.received}</td>`));
    // The units table's total row carries the totals in column order.
    const totalRow = text.split('\n').find((l) => l.trim().startsWith(t('vi', 'digests.unit.total')))!;
    const numbers = totalRow.split('|').slice(1).map((c) => Number(c.trim()));
    const k = province.totals;
    expect(numbers).toEqual([k.received, k.answered, k.answeredOnTime, k.answeredLate, k.becameOverdue, k.overdueNow]);
  });

  it('writes English for an English-speaking recipient, with decimals in each locale', () => {
    const digest: Digest = {
      ...commune,
      medianAnswerWorkingDays: 2.5,
      satisfaction: { ...commune.satisfaction, byDimension: { ...commune.satisfaction.byDimension, outcome: { count: 3, average: 4.5, satisfied: 2 } } },
    };
    const en = renderDigest(digest, { locale: 'en' });
    expect(en.subject).toContain('Weekly digest');
    expect(en.text).toContain('4.5/5');
    expect(en.text).toContain(`${t('en', 'digests.metric.median_answer')}: 2.5 working days`);
    const vi = renderDigest(digest, { locale: 'vi' }).text;
    expect(vi).toContain('4,5/5');
    expect(vi).toContain(`${t('vi', 'digests.metric.median_answer')}: 2,5 ngày làm việc`);
    expect(renderDigest(commune, { locale: 'vi' }).text).toContain(`${t('vi', 'digests.metric.median_answer')}: 3 ngày làm việc`);
  });
});
