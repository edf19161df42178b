import { type Locale, t } from '../../i18n/index.ts';
import type { User } from '../../users/index.ts';
import { unitName } from '../admin.ts';
import { type Html, html } from '../html.ts';

export interface PageCtx {
  readonly locale: Locale;
  readonly user: User | null;
  readonly csrf: string;
  /** Path and query of this page, for the language switch to come back to. */
  readonly here: string;
  readonly notice: { kind: 'done' | 'error'; text: string } | null;
  /** The signed-in user's unread notifications (the bell in the header). */
  readonly unread?: number;
}

export type Tr = (key: string, vars?: Record<string, string | number>) => string;

export function tr(locale: Locale): Tr {
  return (key, vars) => t(locale, `inbox.${key}`, vars);
}

const TZ = 'Asia/Ho_Chi_Minh';

export function formatDateTime(locale: Locale, d: Date | string | null): string {
  if (d === null) return '';
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TZ,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(d));
}

export { dayMonthYear as formatDay } from '../../deadlines/index.ts';

export function csrfField(ctx: PageCtx): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

/** The header's link to the notifications, with the unread count open pages keep current. */
function bell(ctx: PageCtx): Html {
  const tt = tr(ctx.locale);
  const n = ctx.unread ?? 0;
  return html`<a class="bell${n > 0 ? ' unread' : ''}" href="/inbox/notifications" data-bell
    data-label-none="${tt('notifications.bell_none')}" data-label-some="${tt('notifications.bell_some', { n: '{n}' })}"
    aria-label="${n > 0 ? tt('notifications.bell_some', { n }) : tt('notifications.bell_none')}">${tt('nav.notifications')}
    <span class="count" data-count="notifications">${n}</span></a>`;
}

export function layout(ctx: PageCtx, title: string, body: Html, opts: { page?: string } = {}): Html {
  const tt = tr(ctx.locale);
  const other = ctx.locale === 'vi' ? 'en' : 'vi';
  const sep = ctx.here.includes('?') ? '&' : '?';
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}">
<title>${title} · Công Bộc</title>
<link rel="stylesheet" href="/inbox/static/inbox.css">
<script src="/inbox/static/inbox.js" defer></script>
</head>
<body data-page="${opts.page ?? ''}">
<a class="skip" href="#main">${tt('nav.skip')}</a>
<header class="top">
  <a class="brand" href="/inbox/cases">Công Bộc</a>
  ${
    ctx.user
      ? html`<nav aria-label="${tt('nav.label')}">
    <a href="/inbox/cases">${tt('nav.queue')}</a>
    <a href="/inbox/canned">${tt('nav.canned')}</a>
    ${ctx.user.role === 'admin' || ctx.user.role === 'system_admin' ? html`<a href="/inbox/admin">${tt('nav.admin')}</a>` : ''}
    <a href="/inbox/password">${tt('nav.password')}</a>
  </nav>
  <div class="who">
    ${bell(ctx)}
    <span>${ctx.user.displayName} · ${tt(`role.${ctx.user.role}`)} · ${unitName(ctx.user.scope)}</span>
    <form method="post" action="/inbox/logout">${csrfField(ctx)}<button type="submit" class="link">${tt('nav.logout')}</button></form>
  </div>`
      : ''
  }
  <a class="lang" href="${`${ctx.here}${sep}lang=${other}`}" lang="${other}">${tt('nav.other_language')}</a>
</header>
<main id="main" tabindex="-1">
${ctx.notice ? html`<p class="notice ${ctx.notice.kind}" role="${ctx.notice.kind === 'error' ? 'alert' : 'status'}">${ctx.notice.text}</p>` : ''}
${body}
</main>
</body>
</html>`;
}
