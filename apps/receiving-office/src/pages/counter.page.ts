import { APPLICATION_KINDS, DELIVERY_METHODS, ETHNIC_GROUPS, feeFor, PROVINCES, TEMPORARY_ID_FEE_YUAN } from '@idcard/contracts';
import { DEFAULT_LANGUAGE, html, Markup, renderPage, staffSignInMarkup, translatable, translate } from '@idcard/pages';
import { FOUND_CARD_STATUSES } from '../domain/found-card';
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

/** An ID number input, checked as it is typed like the application form's. */
const idInput = (id: string, hint = false) =>
  html`<input
    id="${id}"
    name="${id}"
    maxlength="18"
    autocomplete="off"
    spellcheck="false"
    autocapitalize="characters"
    required
    aria-describedby="${hint ? `${id}-hint ` : ''}${id}-note ${id}-error"
  />`;

/** The home registry: the province the ID number names unless the clerk picks another. */
function homeProvince(id: string): Markup {
  const provinces = Object.entries(PROVINCES).map(([code, p]) => html`<option value="${code}" data-zh="${p.zh}" data-en="${p.en}">${code} ${p.zh}</option>`);
  return field(
    id,
    'homeProvince',
    html`<select id="${id}" name="${id}" aria-describedby="${id}-hint ${id}-error">
      ${option('', 'homeFromId', true)} ${provinces}
    </select>`,
    'homeProvinceHint',
  );
}

function lossReport(): Markup {
  return html`<form id="loss-report" class="panel" novalidate aria-labelledby="loss-heading">
    <h2 id="loss-heading">${t('lossHeading')}</h2>
    <div class="grid">
      ${field('lossId', 'idNumber', idInput('lossId', true), 'idNumberHint')} ${homeProvince('lossHome')}
      ${field(
        'lossSerial',
        'lossSerial',
        html`<input
          id="lossSerial"
          name="lossSerial"
          maxlength="20"
          autocomplete="off"
          spellcheck="false"
          autocapitalize="characters"
          aria-describedby="lossSerial-hint lossSerial-error"
        />`,
        'lossSerialHint',
      )}
    </div>
    <p id="loss-result" role="status"></p>
    <button type="submit" id="report-loss">${t('reportLoss')}</button>
  </form>`;
}

function temporaryCard(): Markup {
  return html`<form id="temporary-card" class="panel" novalidate aria-labelledby="temporary-heading">
      <h2 id="temporary-heading">${t('temporaryHeading')}</h2>
      <div class="grid">
        ${field('tempId', 'idNumber', idInput('tempId', true), 'idNumberHint')}
        ${field('tempName', 'name', html`<input id="tempName" name="tempName" maxlength="30" autocomplete="off" required aria-describedby="tempName-error" />`)}
        ${homeProvince('tempHome')}
      </div>
      <p id="temporary-fee">${translate(COUNTER_MESSAGES, DEFAULT_LANGUAGE, 'temporaryFee', { fee: TEMPORARY_ID_FEE_YUAN })}</p>
      <p id="temporary-result" role="status"></p>
      <button type="submit" id="request-temporary">${t('requestTemporary')}</button>
    </form>
    <section id="temporary-receipt" class="receipt" aria-labelledby="temporary-receipt-heading" hidden>
      <h2 id="temporary-receipt-heading" tabindex="-1">${t('temporaryIssuedHeading')}</h2>
      <dl class="facts">
        <dt>${t('temporarySerial')}</dt>
        <dd class="number" id="temporary-serial"></dd>
        <dt>${t('validUntil')}</dt>
        <dd id="temporary-valid-until"></dd>
        <dt>${t('name')}</dt>
        <dd id="temporary-name"></dd>
      </dl>
      <div class="actions"><button type="button" id="print-temporary">${t('printTemporary')}</button></div>
    </section>`;
}

function foundCards(): Markup {
  const statuses = [option('', 'foundStatus.all', true), ...FOUND_CARD_STATUSES.map((s) => option(s, `foundStatus.${s}`))];
  return html`<section id="found-cards" aria-labelledby="found-heading">
    <h2 id="found-heading">${t('foundHeading')}</h2>
    <form id="found-card-form" novalidate aria-labelledby="found-hand-in-heading">
      <h3 id="found-hand-in-heading">${t('foundHandIn')}</h3>
      <div class="grid">
        ${field(
          'foundSerial',
          'foundSerial',
          html`<input
            id="foundSerial"
            name="foundSerial"
            maxlength="20"
            autocomplete="off"
            spellcheck="false"
            autocapitalize="characters"
            required
            aria-describedby="foundSerial-error"
          />`,
        )}
        ${field('foundId', 'foundId', idInput('foundId'))} ${homeProvince('foundHome')}
      </div>
      <p id="found-result" role="status"></p>
      <button type="submit" id="hand-in">${t('handIn')}</button>
    </form>
    <h3 id="found-list-heading">${t('foundListHeading')}</h3>
    <div class="actions">
      <div class="field">
        <label for="found-status">${t('foundStatusFilter')}</label>
        <select id="found-status" name="found-status">
          ${statuses}
        </select>
      </div>
      <button type="button" id="refresh-found" class="secondary">${t('refresh')}</button>
    </div>
    <p id="found-action-result" role="status"></p>
    <table id="found-list" aria-labelledby="found-list-heading">
      <caption class="hint" id="found-caption"></caption>
      <thead>
        <tr>
          <th scope="col">${t('foundSerial')}</th>
          <th scope="col">${t('holder')}</th>
          <th scope="col">${t('state')}</th>
          <th scope="col">${t('foundAt')}</th>
          <th scope="col">${t('actions')}</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
  </section>`;
}

/**
 * /counter: the clerk's screen — sign in, accept an application and print its receipt, check in a parcel, hand over;
 * report a loss, issue a temporary ID, and keep the found cards.
 */
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
          <a href="#application">${t('navApply')}</a> · <a href="#arrivals">${t('navArrivals')}</a> · <a href="#handover">${t('navHandover')}</a> ·
          <a href="#loss-report">${t('navLoss')}</a> · <a href="#temporary-card">${t('navTemporary')}</a> · <a href="#found-cards">${t('navFound')}</a>
        </nav>
        ${applicationForm()} ${arrivals()} ${handover()} ${lossReport()} ${temporaryCard()} ${foundCards()}
      </div>`,
  });
}
