import { type Html, html } from '../html.ts';
import { csrfField, layout, type PageCtx, tr } from './layout.ts';

/** Changing one's own password; the first page a user with a password chosen by someone else sees. */
export function passwordPage(ctx: PageCtx, mustChange: boolean): Html {
  const tt = tr(ctx.locale);
  return layout(
    ctx,
    tt('password.title'),
    html`<section class="card narrow">
  <h1>${tt('password.title')}</h1>
  ${mustChange ? html`<p class="notice error" role="alert">${tt('password.must_change')}</p>` : ''}
  <form method="post" action="/inbox/password" class="stack">
    ${csrfField(ctx)}
    <label for="current-password">${tt('password.current')}</label>
    <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required>
    <label for="new-password">${tt('password.new')}</label>
    <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength="10" required>
    <p>${tt('password.others_end')}</p>
    <button type="submit" class="primary">${tt('password.submit')}</button>
  </form>
</section>`,
    { page: 'password' },
  );
}
