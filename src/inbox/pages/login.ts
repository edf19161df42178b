import { type Html, html } from '../html.ts';
import { layout, type PageCtx, tr } from './layout.ts';

export function loginPage(ctx: PageCtx, loginCsrf: string, next: string, username = ''): Html {
  const tt = tr(ctx.locale);
  return layout(
    ctx,
    tt('login.title'),
    html`<section class="card narrow">
  <h1>${tt('login.title')}</h1>
  <form method="post" action="/inbox/login" class="stack">
    <input type="hidden" name="_csrf" value="${loginCsrf}">
    <input type="hidden" name="next" value="${next}">
    <label for="username">${tt('login.username')}</label>
    <input id="username" name="username" autocomplete="username" required value="${username}" autofocus>
    <label for="password">${tt('login.password')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" class="primary">${tt('login.submit')}</button>
  </form>
</section>`,
    { page: 'login' },
  );
}
