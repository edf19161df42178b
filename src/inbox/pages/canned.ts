import { type Html, html } from '../html.ts';
import type { CannedAnswer } from '../queries.ts';
import { csrfField, layout, type PageCtx, tr } from './layout.ts';

export function cannedPage(ctx: PageCtx, items: readonly CannedAnswer[], canManage: boolean): Html {
  const tt = tr(ctx.locale);
  return layout(
    ctx,
    tt('canned.title'),
    html`<h1>${tt('canned.title')}</h1>
${items.length === 0 ? html`<p class="empty">${tt('canned.empty')}</p>` : ''}
<ul class="canned">
${items.map(
  (c) => html`<li class="card"><h2>${c.title}</h2><p class="text">${c.body}</p>
  ${canManage ? html`<form method="post" action="/inbox/canned/${c.id}/delete">${csrfField(ctx)}<button type="submit">${tt('canned.remove')}</button></form>` : ''}</li>`,
)}
</ul>
${
  canManage
    ? html`<section class="card"><h2>${tt('canned.add')}</h2>
<form method="post" action="/inbox/canned" class="stack">
  ${csrfField(ctx)}
  <label for="canned-title">${tt('canned.field_title')}</label><input id="canned-title" name="title" maxlength="120" required>
  <label for="canned-body">${tt('canned.field_body')}</label><textarea id="canned-body" name="body" rows="4" maxlength="4000" required></textarea>
  <button type="submit" class="primary">${tt('canned.save')}</button>
</form></section>`
    : html`<p class="meta">${tt('canned.leaders_only')}</p>`
}`,
  );
}
