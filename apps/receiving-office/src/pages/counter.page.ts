import { APPLICATION_KINDS, DELIVERY_METHODS, ETHNIC_GROUPS, feeFor } from '@idcard/contracts';
import { DEFAULT_LANGUAGE, html, Markup, renderPage, staffSignInMarkup, translatable, translate } from '@idcard/pages';
import { COUNTER_MESSAGES, CounterMessageKey } from './counter.messages';

const t = translatable(COUNTER_MESSAGES);

/** A labelled field with its hint and the place its error (the page's or the server's) is shown. */
function field(id: string, label: CounterMessageKey, control: Markup, hint?: CounterMessageKey): Markup {
  return html`<div class="field">
    <label for="${id}">${t(label)}</label>
    ${hint ? t(hint, 'span', html`class="hint" id="${id}-hint"`) : ''} ${control}
    <span class="hint" id="${id}-note" aria-live="polite"></span>
    <span class="error" id="${id}-error" data-error-for="${id}"></span>
  </div>`;
}

const option = (value: string, label: CounterMessageKey, selected = false) =>
  html`<option value="${value}" ${selected ? new Markup(' selected') : ''} data-i18n="${label}">
    ${translate(COUNTER_MESSAGES, DEFAULT_LANGUAGE, label)}
  </option>`;

function applicationForm(): Markup {
  const kinds = APPLICATION_KINDS.map((k) => option(k, `kind.${k}`, k === 'renewal'));
  const deliveries = DELIVERY_METHODS.map((d) => option(d, `delivery.${d}`, d === 'counter'));
  const ethnicGroups = Object.entries(ETHNIC_GROUPS).map(
    ([code, g]) => html`<option value="${code}" data-zh="${g.zh}" data-en="${g.en}">${code} ${g.zh}</option>`,
  );
  return html`<form id="application" class="panel" novalidate aria-labelledby="apply-heading">
      <h2 id="apply-heading">${t('applyHeading')}</h2>
      <p>${t('office')}: <strong id="office-code"></strong></p>
      <div class="grid">
        ${field(
          'kind',
          'kind',
          html`<select id="kind" name="kind" aria-describedby="kind-note kind-error">
            ${kinds}
          </select>`,
        )}
        ${field('idNumber', 'idNumber', html`<input id="idNumber" name="idNumber" maxlength="18" autocomplete="off" spellcheck="false" autocapitalize="characters" required aria-describedby="idNumber-hint idNumber-note idNumber-error" />`, 'idNumberHint')}
        ${field('name', 'name', html`<input id="name" name="name" maxlength="30" autocomplete="off" required aria-describedby="name-error" />`)}
        ${field(
          'sex',
          'sex',
          html`<select id="sex" name="sex" aria-describedby="sex-error">
            ${option('male', 'sex.male', true)}${option('female', 'sex.female')}
          </select>`,
        )}
        ${field('birthDate', 'birthDate', html`<input id="birthDate" name="birthDate" type="date" required aria-describedby="birthDate-error" />`)}
        ${field(
          'ethnicGroup',
          'ethnicGroup',
          html`<select id="ethnicGroup" name="ethnicGroup" aria-describedby="ethnicGroup-error">
            ${ethnicGroups}
          </select>`,
        )}
        ${field('photo', 'photo', html`<input id="photo" name="photo" type="file" accept="image/jpeg" aria-describedby="photo-hint photo-note photo-error" />`, 'photoHint')}
        <div class="field">
          <img id="photo-preview" class="photo" alt="" hidden />
          <video id="camera-view" class="photo" autoplay playsinline muted hidden></video>
          <div class="actions">
            <button type="button" id="camera" class="secondary">${t('camera')}</button
            ><button type="button" id="take-photo" class="secondary" hidden>${t('takePhoto')}</button>
          </div>
        </div>
        ${field('fingerprints', 'fingerprints', html`<input id="fingerprints" name="fingerprints" type="file" multiple aria-describedby="fingerprints-hint fingerprints-note fingerprints-error" />`, 'fingerprintsHint')}
        ${field('fee', 'fee', html`<input id="fee" name="fee" type="number" min="0" step="1" value="${feeFor('renewal')}" required aria-describedby="fee-note fee-error" />`)}
        ${field('address', 'address', html`<input id="address" name="address" maxlength="200" autocomplete="off" required aria-describedby="address-error" />`)}
        ${field(
          'delivery',
          'delivery',
          html`<select id="delivery" name="delivery" aria-describedby="delivery-error">
            ${deliveries}
          </select>`,
        )}
        <div id="postal-field" hidden>
          ${field('postalAddress', 'postalAddress', html`<input id="postalAddress" name="postalAddress" maxlength="200" autocomplete="off" aria-describedby="postalAddress-error" />`)}
        </div>
        <div class="field">
          <label><input id="expedited" name="expedited" type="checkbox" /> ${t('expedited')}</label>
        </div>
      </div>
      <p class="error" id="form-error" role="alert"></p>
      <button type="submit" id="submit">${t('submit')}</button>
    </form>
    <section id="receipt" class="receipt" aria-labelledby="receipt-heading" hidden>
      <h2 id="receipt-heading" tabindex="-1">${t('receiptHeading')}</h2>
      <dl class="facts">
        <dt>${t('receiptNumber')}</dt>
        <dd class="number" id="receipt-number"></dd>
        <dt>${t('acceptedAt')}</dt>
        <dd id="receipt-accepted"></dd>
        <dt>${t('dueDate')}</dt>
        <dd id="receipt-due"></dd>
        <dt>${t('office')}</dt>
        <dd id="receipt-office"></dd>
      </dl>
      <p id="receipt-days"></p>
      <p>${t('receiptTrack')}</p>
      <div class="actions">
        <button type="button" id="print">${t('print')}</button><button type="button" id="next-application" class="secondary">${t('newApplication')}</button>
      </div>
    </section>`;
}

function arrivals(): Markup {
  return html`<section id="arrivals" aria-labelledby="arrivals-heading">
    <h2 id="arrivals-heading">${t('arrivalsHeading')}</h2>
    <div class="actions"><button type="button" id="refresh-shipments" class="secondary">${t('refresh')}</button></div>
    <table id="shipments">
      <caption class="hint" id="shipments-caption"></caption>
      <thead>
        <tr>
          <th scope="col">${t('shipment')}</th>
          <th scope="col">${t('dispatchedAt')}</th>
          <th scope="col">${t('cards')}</th>
          <th scope="col"><span class="hint">${t('open')}</span></th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
    <div id="manifest" hidden>
      <h3 id="manifest-heading" tabindex="-1"></h3>
      <p id="manifest-count"></p>
      <form id="scan-form" novalidate>
        <div class="field">
          <label for="scan">${t('scan')}</label>
          <span class="hint" id="scan-hint">${t('scanHint')}</span>
          <input id="scan" name="scan" autocomplete="off" spellcheck="false" autocapitalize="characters" aria-describedby="scan-hint scan-result" />
        </div>
      </form>
      <p id="scan-result" role="status"></p>
      <table id="manifest-cards">
        <thead>
          <tr>
            <th scope="col">${t('position')}</th>
            <th scope="col">${t('cardSerial')}</th>
            <th scope="col">${t('receipt')}</th>
            <th scope="col">${t('state')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>
  </section>`;
}

function handover(): Markup {
  return html`<form id="handover" class="panel" novalidate aria-labelledby="handover-heading">
    <h2 id="handover-heading">${t('handoverHeading')}</h2>
    <div class="grid">
      ${field('handoverReceipt', 'handoverReceipt', html`<input id="handoverReceipt" name="handoverReceipt" autocomplete="off" spellcheck="false" autocapitalize="characters" required aria-describedby="handoverReceipt-error" />`)}
      ${field('handoverId', 'handoverId', html`<input id="handoverId" name="handoverId" maxlength="18" autocomplete="off" spellcheck="false" autocapitalize="characters" required aria-describedby="handoverId-hint handoverId-note handoverId-error" />`, 'handoverIdHint')}
    </div>
    <p id="handover-result" role="status"></p>
    <button type="submit">${t('handover')}</button>
  </form>`;
}

/** /counter: the clerk's screen — sign in, accept an application and print its receipt, check in a parcel, hand over. */
export function counterPage(): string {
  return renderPage({
    name: 'counter',
    messages: COUNTER_MESSAGES,
    title: 'title',
    script: 'apps/receiving-office/src/pages/client/counter',
    switchLabel: 'English',
    body: html`${staffSignInMarkup(COUNTER_MESSAGES)}
      <div id="workspace" hidden>
        <nav class="actions" aria-label="counter">
          <a href="#application">${t('navApply')}</a> · <a href="#arrivals">${t('navArrivals')}</a> · <a href="#handover">${t('navHandover')}</a>
        </nav>
        ${applicationForm()} ${arrivals()} ${handover()}
      </div>`,
  });
}
