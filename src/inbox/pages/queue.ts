import { LABELS } from '../../classify/index.ts';
import { type Html, html, options } from '../html.ts';
import type { WaitingConversation } from '../conversations.ts';
import type { QueueCounts, QueueItem } from '../queries.ts';
import { QUEUE_STATUS_FILTERS, type QueueFilter } from '../types.ts';
import { formatDateTime, formatDay, layout, type PageCtx, tr } from './layout.ts';

export function labelOptions(tt: ReturnType<typeof tr>) {
  return LABELS.map((l) => ({ value: l, label: tt(`label.${l}`) }));
}

export function queuePage(
  ctx: PageCtx,
  items: readonly QueueItem[],
  counts: QueueCounts,
  f: QueueFilter,
  colleagues: readonly { id: string; name: string }[],
  waiting: readonly WaitingConversation[] = [],
): Html {
  const tt = tr(ctx.locale);
  const statusLinks = (['new', 'in_progress', 'reopened', 'answered', 'closed'] as const).map(
    (s) => html`<li><a href="/inbox/cases?status=${s}"${f.status === s ? html` aria-current="page"` : ''}>
      ${tt(`status.${s}`)} <span class="count" data-count="${s}">${counts.byStatus[s]}</span></a></li>`,
  );
  return layout(
    ctx,
    tt('queue.title'),
    html`<h1>${tt('queue.title')}</h1>
<ul class="counts" aria-label="${tt('queue.counts')}">
  ${statusLinks}
  <li><a href="/inbox/cases?overdue=1" class="overdue">${tt('queue.overdue')} <span class="count" data-count="overdue">${counts.overdue}</span></a></li>
</ul>
<details class="filter-box"${filtered(f) ? html` open` : ''}><summary>${tt('queue.filters')}</summary>
<form method="get" action="/inbox/cases" class="filters" aria-label="${tt('queue.filters')}">
  <label>${tt('queue.status')}
    <select name="status">${options(
      QUEUE_STATUS_FILTERS.map((s) => ({ value: s, label: tt(`status_filter.${s}`) })),
      f.status,
    )}</select></label>
  <label>${tt('queue.label')}
    <select name="label"><option value="">${tt('queue.any')}</option>${options(
      [...labelOptions(tt), { value: 'unknown', label: tt('label.unknown') }],
      f.label,
    )}</select></label>
  <label>${tt('queue.due_before')} <input type="date" name="dueBefore" value="${f.dueBefore ?? ''}"></label>
  <label>${tt('queue.channel')}
    <select name="channel"><option value="">${tt('queue.any')}</option>${options(
      ['zalo', 'messenger', 'local'].map((p) => ({ value: p, label: tt(`channel.${p}`) })),
      f.channel,
    )}</select></label>
  <label>${tt('queue.assigned')}
    <select name="assigned"><option value="">${tt('queue.any')}</option>${options(
      [
        { value: 'me', label: tt('queue.assigned_me') },
        { value: 'none', label: tt('queue.assigned_none') },
        ...colleagues,
      ].map((o) => ('id' in o ? { value: String(o.id), label: String(o.name) } : o)),
      f.assigned,
    )}</select></label>
  <label class="check"><input type="checkbox" name="overdue" value="1"${f.overdueOnly ? html` checked` : ''}> ${tt('queue.overdue_only')}</label>
  <button type="submit">${tt('queue.apply')}</button>
</form></details>
<p class="live" role="status" aria-live="polite" id="live-status" hidden>${tt('queue.updated')}</p>
<div id="queue" data-live-refresh="1">
${waiting.length ? waitingHtml(ctx, waiting) : ''}
${items.length === 0 ? html`<p class="empty">${tt('queue.empty')}</p>` : queueTable(ctx, items)}
</div>`,
    { page: 'queue' },
  );
}

function waitingHtml(ctx: PageCtx, waiting: readonly WaitingConversation[]): Html {
  const tt = tr(ctx.locale);
  return html`<section class="card waiting" aria-labelledby="h-waiting"><h2 id="h-waiting">${tt('queue.waiting')}</h2>
<ul>${waiting.map(
    (w) => html`<li><a href="${w.openCaseId ? `/inbox/cases/${w.openCaseId}` : `/inbox/conversations/${w.id}`}">${w.lastText ?? tt('queue.waiting_no_text')}</a>
  <small>${tt(`channel.${w.platform}`)} · ${formatDateTime(ctx.locale, w.lastInboundAt)}</small></li>`,
  )}</ul></section>`;
}

/** Filters other than the default stay visible, so staff see why the list is short. */
function filtered(f: QueueFilter): boolean {
  return f.status !== 'open' || f.label !== null || f.dueBefore !== null || f.overdueOnly || f.channel !== null || f.assigned !== null;
}

function queueTable(ctx: PageCtx, items: readonly QueueItem[]): Html {
  const tt = tr(ctx.locale);
  return html`<table class="queue">
<caption class="sr-only">${tt('queue.caption')}</caption>
<thead><tr><th scope="col">${tt('queue.code')}</th><th scope="col">${tt('queue.summary')}</th><th scope="col">${tt('queue.label')}</th>
<th scope="col">${tt('queue.status')}</th><th scope="col">${tt('queue.due')}</th><th scope="col">${tt('queue.channel')}</th><th scope="col">${tt('queue.assigned')}</th></tr></thead>
<tbody>
${items.map(
  (c) => html`<tr class="${c.overdue ? 'is-overdue' : ''}">
  <td data-th="${tt('queue.code')}"><a href="/inbox/cases/${c.id}">${c.code}</a>
    ${c.handoff ? html`<span class="badge handoff">${tt('queue.handoff')}</span>` : ''}
    ${c.identityProtected ? html`<span class="badge protected">${tt('queue.protected')}</span>` : ''}</td>
  <td data-th="${tt('queue.summary')}">${c.excerpt}<br><small>${formatDateTime(ctx.locale, c.receivedAt)}</small></td>
  <td data-th="${tt('queue.label')}">${tt(`label.${c.label}`)}${c.needsReview ? html` <span class="badge review">${tt('queue.review')}</span>` : ''}</td>
  <td data-th="${tt('queue.status')}">${tt(`status.${c.status}`)}</td>
  <td data-th="${tt('queue.due')}">${formatDay(c.dueDate)}${c.overdue ? html` <strong class="badge overdue">${tt('queue.overdue_badge')}</strong>` : ''}</td>
  <td data-th="${tt('queue.channel')}">${tt(`channel.${c.platform}`)}</td>
  <td data-th="${tt('queue.assigned')}">${c.assignee?.name ?? '—'}</td>
</tr>`,
)}
</tbody></table>`;
}
