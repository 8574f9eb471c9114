import { Catalogue } from './catalogue';
import { html, Markup } from './html';
import { translatable } from './page-shell';
import type { StaffMessageKey } from './staff-messages';

/** The sign-in form (shown until a token is accepted) and the signed-in line with its sign-out button. */
export function staffSignInMarkup<K extends string>(messages: Catalogue<K | StaffMessageKey>): Markup {
  const t = translatable<K | StaffMessageKey>(messages);
  return html`<section id="sign-in-panel" aria-labelledby="sign-in-heading" hidden>
      <h2 id="sign-in-heading">${t('signIn.title')}</h2>
      <form id="sign-in" novalidate>
        <div class="field">
          <label for="token">${t('signIn.token')}</label>
          <span class="hint" id="token-hint">${t('signIn.hint')}</span>
          <textarea id="token" name="token" rows="3" autocomplete="off" spellcheck="false" aria-describedby="token-hint sign-in-error" required></textarea>
          <span class="error" id="sign-in-error" role="alert"></span>
        </div>
        <button type="submit">${t('signIn.submit')}</button>
      </form>
    </section>
    <nav id="signed-in" class="actions" aria-label="session" hidden>
      <span id="who"></span>
      <button type="button" id="sign-out" class="secondary">${t('signOut')}</button>
    </nav>`;
}
