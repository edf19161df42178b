import { type Html, html } from '../html.ts';
import type { NotificationItem } from '../notifications.ts';
import { csrfField, formatDateTime, formatDay, layout, type PageCtx, tr } from './layout.ts';

/** The signed-in user's deadline notices, newest first; opening one marks it read. */
export function notificationsPage(ctx: PageCtx, items: readonly NotificationItem[]): Html {
  const tt = tr(ctx.locale);
  const unread = items.filter((n) => n.readAt === null).length;
  return layout(
    ctx,
    tt('notifications.title'),
    html`<h1>${tt('notifications.title')}</h1>
<section id="notifications">
${
  unread > 0
    ? html`<form method="post" action="/inbox/notifications/read-all">${csrfField(ctx)}<button type="submit">${tt('notifications.mark_all_read')}</button></form>`
    : ''
}
${items.length === 0 ? html`<p class="empty">${tt('notifications.empty')}</p>` : ''}
<ul class="notifications">
${items.map(
  (n) => html`<li class="card${n.readAt === null ? ' unread' : ''}" data-notification-id="${n.id}">
  <p><span class="badge ${n.kind === 'overdue' ? 'overdue' : n.kind === 'escalation' ? 'leader' : ''}">${tt(`notifications.kind.${n.kind}`)}</span>
  ${n.readAt === null ? html`<span class="badge">${tt('notifications.new')}</span>` : ''}
  ${tt(`notifications.text.${n.kind}`, { code: n.caseCode, due: formatDay(n.dueDate) })}</p>
  <p class="meta"><time datetime="${n.createdAt.toISOString()}">${formatDateTime(ctx.locale, n.createdAt)}</time></p>
  <form method="post" action="/inbox/notifications/${n.id}/open" class="inline">${csrfField(ctx)}<button type="submit" class="primary">${tt('notifications.open', { code: n.caseCode })}</button></form>
  ${
    n.readAt === null
      ? html`<form method="post" action="/inbox/notifications/${n.id}/read" class="inline">${csrfField(ctx)}<button type="submit">${tt('notifications.mark_read')}</button></form>`
      : ''
  }
</li>`,
)}
</ul>
</section>`,
    { page: 'notifications' },
  );
}
