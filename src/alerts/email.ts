import { type DeadlineKind, dayMonthYear } from '../deadlines/index.ts';
import { escapeHtml } from '../digests/index.ts';
import { type Locale, t } from '../i18n/index.ts';

export interface NoticeEmailInput {
  readonly locale: Locale;
  readonly kind: DeadlineKind;
  readonly recipientName: string;
  readonly caseCode: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
  readonly caseUrl: string | null;
  readonly letterDrafted: boolean;
}

/**
 * The short e-mail copy of a deadline notice. It names the case by its code only: the
 * description or the reporter could be personal data, and mail leaves the desk's control.
 */
export function renderNoticeEmail(v: NoticeEmailInput): { subject: string; text: string; html: string } {
  const vars = { code: v.caseCode, due: dayMonthYear(v.dueDate), name: v.recipientName };
  const tt = (key: string, extra: Record<string, string> = {}) => t(v.locale, `alerts.email.${key}`, { ...vars, ...extra });
  const paragraphs = [
    tt('greeting'),
    tt(`body.${v.kind}`),
    // A reminder's draft is a precaution (the case may still be answered in time).
    ...(v.letterDrafted ? [tt(v.kind === 'reminder' ? 'letter_drafted_ahead' : 'letter_drafted')] : []),
    v.caseUrl ? tt('open', { url: v.caseUrl }) : tt('open_inbox'),
    tt('footer'),
  ];
  const e = escapeHtml;
  const htmlParagraphs = paragraphs.map((p) =>
    v.caseUrl && p.includes(v.caseUrl)
      ? `<p>${e(p.slice(0, p.indexOf(v.caseUrl)))}<a href="${e(v.caseUrl)}">${e(v.caseUrl)}</a>${e(p.slice(p.indexOf(v.caseUrl) + v.caseUrl.length))}</p>`
      : `<p>${e(p)}</p>`,
  );
  const subject = tt(`subject.${v.kind}`);
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n`.normalize('NFC'),
    html: `<!DOCTYPE html><html lang="${v.locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;">${htmlParagraphs.join('\n')}</body></html>\n`.normalize(
      'NFC',
    ),
  };
}
