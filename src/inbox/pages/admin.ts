import type { AccountRecord } from '../../accounts/index.ts';
import type { DeadLetter } from '../../queue/index.ts';
import { t } from '../../i18n/index.ts';
import { ROLES, type User } from '../../users/index.ts';
import { holidayTable, type ServedUnit, slaTable, unitName } from '../admin.ts';
import { type Html, html, options } from '../html.ts';
import { csrfField, formatDateTime, formatDay, layout, type PageCtx, tr } from './layout.ts';

export function adminPage(
  ctx: PageCtx,
  users: readonly User[],
  channels: readonly AccountRecord[],
  units: readonly ServedUnit[],
  year: number,
  /** From 1 December, what of next year's working-day calendar is unconfirmed (deadlines' calendarWarning). */
  calendarWarning: { readonly year: number; readonly items: readonly unknown[] } | null = null,
  /** The installation's dead letters; null for an administrator of one unit, who does not see them. */
  deadLetters: readonly DeadLetter[] | null = null,
): Html {
  const tt = tr(ctx.locale);
  const cal = holidayTable(year);
  const unitFields = html`<label>${tt('admin.scope_kind')} <select name="scopeKind">${options(
    [
      { value: 'commune', label: tt('admin.commune') },
      { value: 'province', label: tt('admin.province') },
    ],
    'commune',
  )}</select></label>
  <label>${tt('admin.scope_code')} <input name="scopeCode" inputmode="numeric" pattern="[0-9]{2,5}" required></label>`;
  return layout(
    ctx,
    tt('admin.title'),
    html`<h1>${tt('admin.title')}</h1>
${calendarWarning ? html`<p class="card warning" role="alert" id="calendar-warning">${t(ctx.locale, 'deadlines.check.warning', { year: calendarWarning.year, count: calendarWarning.items.length })}</p>` : ''}
<nav class="toc" aria-label="${tt('admin.sections')}"><a href="#units">${tt('admin.units')}</a> · <a href="#users">${tt('admin.users')}</a> · <a href="#channels">${tt('admin.channels')}</a>
 ${deadLetters ? html` · <a href="#dead-letters">${tt('admin.dead_letters')}</a>` : ''} · <a href="#sla">${tt('admin.sla')}</a> · <a href="#holidays">${tt('admin.holidays')}</a> · <a href="/inbox/admin/queues/">${tt('admin.queues')}</a></nav>

<section id="units" class="card"><h2>${tt('admin.units')}</h2>
<table><thead><tr><th scope="col">${tt('admin.unit')}</th><th scope="col">${tt('admin.channels')}</th><th scope="col">${tt('admin.users')}</th>
<th scope="col">${tt('admin.open_cases')}</th><th scope="col">${tt('queue.overdue')}</th></tr></thead><tbody>
${units.map(
  (u) => html`<tr><td data-th="${tt('admin.unit')}">${unitName(u.scope)} (${u.scope.code})</td><td data-th="${tt('admin.channels')}">${u.channels}</td>
  <td data-th="${tt('admin.users')}">${u.staff}</td><td data-th="${tt('admin.open_cases')}">${u.openCases}</td><td data-th="${tt('queue.overdue')}">${u.overdueCases}</td></tr>`,
)}
</tbody></table>
${units.some((u) => u.channels === 0) ? html`<p class="meta">${tt('admin.unit_without_channel')}</p>` : ''}</section>

<section id="users" class="card"><h2>${tt('admin.users')}</h2>
<table><thead><tr><th scope="col">${tt('admin.username')}</th><th scope="col">${tt('admin.display_name')}</th><th scope="col">${tt('admin.role')}</th>
<th scope="col">${tt('admin.unit')}</th><th scope="col">${tt('admin.email')}</th><th scope="col">${tt('admin.state')}</th><th scope="col"><span class="sr-only">${tt('admin.actions')}</span></th></tr></thead><tbody>
${users.map(
  (u) => html`<tr><td data-th="${tt('admin.username')}">${u.username}</td><td data-th="${tt('admin.display_name')}">${u.displayName}</td><td data-th="${tt('admin.role')}">${tt(`role.${u.role}`)}</td>
  <td data-th="${tt('admin.unit')}">${unitName(u.scope)} (${u.scope.code})</td><td data-th="${tt('admin.email')}">${u.email ?? ''}</td><td data-th="${tt('admin.state')}">${u.active ? tt('admin.active') : tt('admin.disabled')}</td>
  <td><form method="post" action="/inbox/admin/users/${u.id}/active">${csrfField(ctx)}<input type="hidden" name="active" value="${u.active ? '0' : '1'}">
  <button type="submit">${u.active ? tt('admin.disable') : tt('admin.enable')}</button></form></td></tr>`,
)}
</tbody></table>
<h3>${tt('admin.add_user')}</h3>
<form method="post" action="/inbox/admin/users" class="grid-form">
  ${csrfField(ctx)}
  <label>${tt('admin.username')} <input name="username" pattern="[a-z0-9._\\-]{3,64}" required autocomplete="off"></label>
  <label>${tt('admin.display_name')} <input name="displayName" required></label>
  <label>${tt('admin.role')} <select name="role">${options(
    ROLES.map((r) => ({ value: r, label: tt(`role.${r}`) })),
    'commune_staff',
  )}</select></label>
  ${unitFields}
  <label>${tt('admin.email')} <input name="email" type="email" maxlength="254" autocomplete="off" aria-describedby="email-help"></label>
  <p id="email-help" class="meta">${tt('admin.email_help')}</p>
  <label>${tt('admin.password')} <input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
  <button type="submit" class="primary">${tt('admin.create')}</button>
</form></section>

<section id="channels" class="card"><h2>${tt('admin.channels')}</h2>
<table><thead><tr><th scope="col">${tt('admin.platform')}</th><th scope="col">${tt('admin.external_id')}</th><th scope="col">${tt('admin.name')}</th>
<th scope="col">${tt('admin.unit')}</th><th scope="col">${tt('admin.token')}</th><th scope="col">${tt('admin.state')}</th><th scope="col"><span class="sr-only">${tt('admin.actions')}</span></th></tr></thead><tbody>
${channels.map(
  (a) => html`<tr><td data-th="${tt('admin.platform')}">${tt(`channel.${a.platform}`)}</td><td data-th="${tt('admin.external_id')}">${a.externalId}</td><td data-th="${tt('admin.name')}">${a.name ?? ''}</td>
  <td data-th="${tt('admin.unit')}">${unitName(a.scope)}</td>
  <td data-th="${tt('admin.token')}">${a.accessToken ? (a.tokenExpiresAt ? tt('admin.token_until', { at: formatDateTime(ctx.locale, a.tokenExpiresAt) }) : tt('admin.token_set')) : tt('admin.token_missing')}</td>
  <td data-th="${tt('admin.state')}"><span class="badge${a.health === 'ok' ? '' : ' review'}" data-health="${a.health}">${t(ctx.locale, `channels.health.${a.health}`)}</span>${a.healthReason ? html`<br><small>${a.healthReason}</small>` : ''}</td>
  <td><form method="post" action="/inbox/admin/channels/${a.platform}/${a.externalId}/deactivate">${csrfField(ctx)}<button type="submit">${tt('admin.deactivate')}</button></form></td></tr>`,
)}
</tbody></table>
<h3>${tt('admin.add_channel')}</h3>
<form method="post" action="/inbox/admin/channels" class="grid-form">
  ${csrfField(ctx)}
  <label>${tt('admin.platform')} <select name="platform">${options(
    [
      { value: 'zalo', label: tt('channel.zalo') },
      { value: 'messenger', label: tt('channel.messenger') },
    ],
    'zalo',
  )}</select></label>
  <label>${tt('admin.external_id')} <input name="externalId" inputmode="numeric" required></label>
  <label>${tt('admin.name')} <input name="name"></label>
  ${unitFields}
  <label>${tt('admin.access_token')} <input name="accessToken" autocomplete="off"></label>
  <label>${tt('admin.refresh_token')} <input name="refreshToken" autocomplete="off"></label>
  <button type="submit" class="primary">${tt('admin.save_channel')}</button>
</form></section>

${
  deadLetters === null
    ? ''
    : html`<section id="dead-letters" class="card"><h2>${tt('admin.dead_letters')}</h2>
<p class="meta">${tt('admin.dead_letters_help')}</p>
${
  deadLetters.length === 0
    ? html`<p>${tt('admin.dead_letters_none')}</p>`
    : html`<table><thead><tr><th scope="col">${tt('admin.dl_at')}</th><th scope="col">${tt('admin.dl_source')}</th><th scope="col">${tt('admin.platform')}</th>
<th scope="col">${tt('admin.dl_reference')}</th><th scope="col">${tt('admin.dl_reason')}</th><th scope="col">${tt('admin.dl_attempts')}</th></tr></thead><tbody>
${deadLetters.map(
  (l) => html`<tr><td data-th="${tt('admin.dl_at')}">${formatDateTime(ctx.locale, l.createdAt)}</td><td data-th="${tt('admin.dl_source')}">${l.source}</td>
  <td data-th="${tt('admin.platform')}">${l.platform ? tt(`channel.${l.platform}`) : ''}</td><td data-th="${tt('admin.dl_reference')}"><code>${l.reference}</code></td>
  <td data-th="${tt('admin.dl_reason')}">${l.reason}</td><td data-th="${tt('admin.dl_attempts')}">${l.attempts}</td></tr>`,
)}
</tbody></table>`
}</section>`
}

<section id="sla" class="card"><h2>${tt('admin.sla')}</h2>
<table><thead><tr><th scope="col">${tt('admin.case_type')}</th><th scope="col">${tt('admin.limit')}</th><th scope="col">${tt('admin.basis')}</th></tr></thead><tbody>
${slaTable().map(
  (s) => html`<tr><td data-th="${tt('admin.case_type')}">${t(ctx.locale, `deadlines.case_type.${s.caseType}`)}</td>
  <td data-th="${tt('admin.limit')}">${t(ctx.locale, `deadlines.unit.${s.unit}`, { n: s.days })}${s.uncertain ? html` <span class="badge review">${tt('admin.uncertain')}</span>` : ''}</td>
  <td data-th="${tt('admin.basis')}"><small>${s.basis}</small></td></tr>`,
)}
</tbody></table></section>

<section id="holidays" class="card"><h2>${tt('admin.holidays')} ${year}</h2>
<form method="get" action="/inbox/admin#holidays" class="inline"><label>${tt('admin.year')} <input name="year" type="number" value="${year}" min="2000" max="2100"></label><button type="submit">${tt('admin.show')}</button></form>
<table><thead><tr><th scope="col">${tt('admin.date')}</th><th scope="col">${tt('admin.holiday')}</th><th scope="col">${tt('admin.source')}</th></tr></thead><tbody>
${cal.holidays.map(
  (h) => html`<tr><td data-th="${tt('admin.date')}">${formatDay(h.date)}</td><td data-th="${tt('admin.holiday')}">${h.name[ctx.locale]} <small>(${t(ctx.locale, `deadlines.kind.${h.kind}`)})</small>${h.uncertain ? html` <span class="badge review">${tt('admin.uncertain')}</span>` : ''}</td><td data-th="${tt('admin.source')}"><small>${h.source}</small></td></tr>`,
)}
${cal.workingDays.map(
  (h) => html`<tr><td data-th="${tt('admin.date')}">${formatDay(h.date)}</td><td data-th="${tt('admin.holiday')}">${h.name[ctx.locale]} <small>(${t(ctx.locale, 'deadlines.kind.working_day')})</small></td><td data-th="${tt('admin.source')}"><small>${h.source}</small></td></tr>`,
)}
</tbody></table>
<p class="meta">${tt('admin.holidays_howto')}</p></section>`,
  );
}
