import { Catalogue, DEFAULT_LANGUAGE, translate } from './catalogue';
import { html, Markup } from './html';
import { PAGE_ASSETS_PATH } from './page-assets';

/** What every page has: a title, its body, and the one module script that drives it (no inline script: CSP). */
export interface PageShell<K extends string> {
  messages: Catalogue<K>;
  /** Catalogue key of the page title (also the h1). */
  title: K;
  /** Path of the page's compiled module under the public directory, without .js: `apps/receiving-office/src/pages/client/track`. */
  script: string;
  /** The page's main content (already escaped markup). */
  body: Markup;
  /** data-page on <body>, for styles and tests. */
  name: string;
}

/**
 * The page as the server sends it, in Chinese: the texts the script may switch carry data-i18n keys.
 * `t` renders a key of the page's catalogue.
 */
export function renderPage<K extends string>(shell: PageShell<K> & { switchLabel: string }): string {
  const t = (key: K) => translate(shell.messages, DEFAULT_LANGUAGE, key);
  return (
    '<!doctype html>\n' +
    html`<html lang="${DEFAULT_LANGUAGE}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title data-i18n="${shell.title}">${t(shell.title)}</title>
        <link rel="stylesheet" href="${PAGE_ASSETS_PATH}/pages.css" />
        <script type="module" src="${PAGE_ASSETS_PATH}/${shell.script}.js"></script>
      </head>
      <body data-page="${shell.name}">
        <header class="bar">
          <h1 data-i18n="${shell.title}">${t(shell.title)}</h1>
          <button type="button" id="language-switch" class="link" lang="en">${shell.switchLabel}</button>
        </header>
        <main id="main">${shell.body}</main>
      </body>
    </html> `.text
  );
}

/** A text from the catalogue in Chinese, marked so the page's script can switch it. */
export function translatable<K extends string>(messages: Catalogue<K>) {
  return (key: K, tag = 'span', attributes: Markup = html``): Markup =>
    new Markup(
      `<${tag} data-i18n="${key}"${attributes.text ? ' ' + attributes.text : ''}>${html`${translate(messages, DEFAULT_LANGUAGE, key)}`.text}</${tag}>`,
    );
}
