import { html, Markup } from './html';
import { PAGES_CSS } from './pages-css';

/**
 * The AsyncAPI document as a page for a province's integration team (`GET /asyncapi` on every service): the
 * channels with who sends and reads them under which access rights, then every message with its headers and
 * payload schema. Rendered on the server from the JSON alone, without a script (the pages' Content-Security-Policy
 * allows none inline, and nothing here needs one): the messages fold with <details>.
 */

/** Where the page's stylesheet is served (its own: the production centre serves no other page assets). */
export const ASYNCAPI_PAGE_CSS_PATH = '/asyncapi.css';

/** The pages' stylesheet and what a schema needs beside it. */
export const ASYNCAPI_PAGE_CSS = `${PAGES_CSS}
ul.schema { list-style: none; margin: 0.25rem 0 0.25rem 0; padding-left: 1.25rem; border-left: 2px solid var(--line); }
ul.schema li { margin: 0.2rem 0; }
.type { color: var(--accent); font-family: ui-monospace, monospace; }
.required { color: var(--bad); font-size: 0.85rem; }
.rule { color: var(--muted); font-size: 0.9rem; }
details > summary { cursor: pointer; font-weight: 600; }
code { font-family: ui-monospace, monospace; }
nav.toc ul { columns: 2; }
`;

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The last part of a local $ref: `#/channels/x/messages/ApplicationSubmitted.v1` → ApplicationSubmitted.v1. */
function refName(ref: unknown): string {
  const pointer = text(asObject(ref).$ref);
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

const CONSTRAINTS = [
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'contentMediaType',
  'contentEncoding',
];

/** A schema's rules in one line: type, const, format, pattern, bounds, the values of an enum. */
function rules(schema: Json): Markup {
  const parts = CONSTRAINTS.filter((k) => schema[k] !== undefined).map((k) => `${k} ${JSON.stringify(schema[k])}`);
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(', ')}`);
  if (schema.uniqueItems) parts.push('unique items');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : text(schema.type);
  return html`<span class="type">${type}</span> ${parts.length ? html`<span class="rule">${parts.join('; ')}</span>` : ''}`;
}

/** A schema's properties as a nested list: name, type and rules, required or not, description; nested objects and array items inside. */
function schemaList(schema: Json): Markup {
  const properties = asObject(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const items = Object.entries(properties).map(([name, value]) => {
    const property = asObject(value);
    const inner = property.properties ? property : asObject(property.items).properties ? asObject(property.items) : null;
    return html`<li>
      <code>${name}</code> ${rules(property)}${property.items && !inner ? html` of ${rules(asObject(property.items))}` : ''}
      ${required.has(name) ? html`<span class="required">required</span>` : ''}
      ${property.description ? html`<span class="hint">${text(property.description)}</span>` : ''} ${inner ? schemaList(inner) : ''}
    </li>`;
  });
  return html`<ul class="schema">
    ${items}
  </ul>`;
}

function paragraphs(value: unknown): Markup[] {
  return text(value)
    .split('\n')
    .filter(Boolean)
    .map((line) => html`<p>${line}</p>`);
}

function accessRights(operation: Json): Markup {
  const rights = Array.isArray(operation['x-access-rights']) ? (operation['x-access-rights'] as Json[]) : [];
  if (!rights.length) return html``;
  return html`<ul>
    ${rights.map(
      (r) =>
        html`<li>
          <code>${text(r.message)}</code>: addressed to
          ${text(r.topicProvince)}${
            Array.isArray(r.mustBeSendersProvince) ? html`; ${r.mustBeSendersProvince.join(' and ')} must be the sender's own province` : ''
          }${Array.isArray(r.mustBeAbsent) ? html`; absent: ${r.mustBeAbsent.join(', ')}` : ''}.
          <span class="hint">${text(r.note)}</span>
        </li>`,
    )}
  </ul>`;
}

function channelSection(id: string, channel: Json, operations: [string, Json][]): Markup {
  const parameters = Object.entries(asObject(channel.parameters));
  const mine = operations.filter(([, op]) => refName(op.channel) === id);
  return html`<section id="channel-${id}">
    <h3><code>${text(channel.address)}</code></h3>
    ${paragraphs(channel.description)} ${parameters.map(([name, p]) => html`<p><code>{${name}}</code>: ${text(asObject(p).description)}</p>`)}
    <p>Messages: ${Object.keys(asObject(channel.messages)).map((key) => html`<a href="#message-${key}"><code>${key}</code></a> `)}</p>
    <dl class="facts">
      ${mine.map(
        ([operationId, op]) =>
          html`<dt>${text(op.action)}</dt>
            <dd>
              <code>${operationId}</code>: ${text(op.title)} ${op.summary ? html`<span class="hint">${text(op.summary)}</span>` : ''} ${accessRights(op)}
            </dd>`,
      )}
    </dl>
  </section>`;
}

function messageSection(key: string, message: Json): Markup {
  return html`<section id="message-${key}">
    <details>
      <summary><code>${key}</code> — ${text(message.summary)}</summary>
      ${paragraphs(message.description)}
      <p>Kafka key: ${text(asObject(asObject(asObject(message.bindings).kafka).key).description)}</p>
      <h4>Headers</h4>
      ${schemaList(asObject(message.headers))}
      <h4>Envelope and payload</h4>
      ${schemaList(asObject(message.payload))}
    </details>
  </section>`;
}

/** The whole page, as the server sends it. */
export function renderAsyncApiPage(document: Json): string {
  const info = asObject(document.info);
  const channels = Object.entries(asObject(document.channels));
  const operations = Object.entries(asObject(document.operations)).map(([id, op]) => [id, asObject(op)] as [string, Json]);
  const messages = Object.entries(asObject(asObject(document.components).messages));
  const title = `${text(info.title)} — AsyncAPI ${text(document.asyncapi)}, contract ${text(info.version)}`;
  return (
    '<!doctype html>\n' +
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="${ASYNCAPI_PAGE_CSS_PATH}" />
      </head>
      <body data-page="asyncapi">
        <header class="bar"><h1>${title}</h1></header>
        <main id="main">
          <section>
            ${paragraphs(info.description)}
            <p>As JSON: <a href="/asyncapi.json">/asyncapi.json</a></p>
          </section>
          <nav class="toc" aria-label="channels">
            <h2>Channels</h2>
            <ul>
              ${channels.map(
                ([id, c]) =>
                  html`<li>
                    <a href="#channel-${id}"><code>${text(asObject(c).address)}</code></a>
                  </li>`,
              )}
            </ul>
          </nav>
          ${channels.map(([id, c]) => channelSection(id, asObject(c), operations))}
          <h2>Messages</h2>
          ${messages.map(([key, m]) => messageSection(key, asObject(m)))}
        </main>
      </body>
    </html> `.text
  );
}
