import { html, renderPage, translatable } from '@idcard/pages';
import { TRACK_MESSAGES } from './track.messages';

const t = translatable(TRACK_MESSAGES);

/** /track: the citizen's progress page, for a phone first. */
export function trackPage(): string {
  return renderPage({
    name: 'track',
    messages: TRACK_MESSAGES,
    title: 'title',
    script: 'apps/receiving-office/src/pages/client/track',
    switchLabel: 'English',
    body: html`<section aria-labelledby="lookup-heading">
        <h2 id="lookup-heading">${t('search')}</h2>
        <p>${t('intro')}</p>
        <form id="lookup" novalidate>
          <div class="field">
            <label for="receipt">${t('receipt')}</label>
            <span class="hint" id="receipt-hint">${t('receiptHint')}</span>
            <input id="receipt" name="receipt" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="receipt-hint" required />
          </div>
          <div class="field">
            <label for="last4">${t('last4')}</label>
            <span class="hint" id="last4-hint">${t('last4Hint')}</span>
            <input
              id="last4"
              name="last4"
              maxlength="4"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              aria-describedby="last4-hint"
              required
            />
          </div>
          <p class="error" id="lookup-error" role="alert"></p>
          <button type="submit" id="search">${t('search')}</button>
        </form>
        <p class="hint">${t('privacy')}</p>
      </section>
      <section id="progress" aria-labelledby="progress-heading" aria-live="polite" hidden>
        <h2 id="progress-heading" tabindex="-1">${t('progressHeading')}</h2>
        <p class="status" id="status"></p>
        <p id="applicant"></p>
        <p id="days-left"></p>
        <h3>${t('timelineHeading')}</h3>
        <ol class="timeline" id="timeline"></ol>
        <h3>${t('collectionHeading')}</h3>
        <div id="collection"></div>
        <h3>${t('noticesHeading')}</h3>
        <ul id="notices"></ul>
      </section>`,
  });
}
