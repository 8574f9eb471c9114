import { html, renderPage, staffSignInMarkup, translatable } from '@idcard/pages';
import { REVIEW_MESSAGES } from './review.messages';

const t = translatable(REVIEW_MESSAGES);

/** /review: the officer's queue of doubtful applications, for a desk screen. */
export function reviewPage(): string {
  return renderPage({
    name: 'review',
    messages: REVIEW_MESSAGES,
    title: 'title',
    script: 'apps/registry-office/src/pages/client/review',
    switchLabel: 'English',
    body: html`${staffSignInMarkup(REVIEW_MESSAGES)}
      <div id="workspace" hidden>
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading" tabindex="-1">${t('queueHeading')}</h2>
          <div class="actions"><button type="button" id="refresh" class="secondary">${t('refresh')}</button></div>
          <p id="queue-count" role="status"></p>
          <p id="decision-result" role="status"></p>
        </section>
        <div id="queue"></div>
      </div>`,
  });
}
