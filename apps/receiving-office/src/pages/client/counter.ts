// The clerk's counter: sign in, accept an application (checked as it is typed, with the rules the server applies),
// print its receipt, check in the cards of a shipment one scan after another, and hand a card over; report a lost
// card, issue a temporary ID on the home registry's word, and keep the cards handed in as found.
import { APPLICATION_FEES_YUAN, TEMPORARY_ID_FEE_YUAN } from '../../../../../libs/contracts/src/application/application-kind';
import { checkCharacter, parseCitizenId } from '../../../../../libs/contracts/src/citizen-id/citizen-id';
import { PROVINCES } from '../../../../../libs/contracts/src/codes/provinces';
import { PHOTO_HEIGHT_PX, PHOTO_WIDTH_PX, readJpegDimensions } from '../../../../../libs/contracts/src/photo';
import { Answer, byId, cstDateTime, currentLanguage, el, FieldError, speak } from '../../../../../libs/pages/client/page';
import { StaffSession, staffSignIn } from '../../../../../libs/pages/client/staff-session';
import { COUNTER_MESSAGES, CounterMessageKey } from '../counter.messages';

type Kind = keyof typeof APPLICATION_FEES_YUAN;
type Problem = { key: CounterMessageKey; values?: Record<string, string | number> } | { text: string } | { render: () => string } | null;

let session: StaffSession | null = null;
/** Each field's problem as the page sees it now (its own check, or the server's answer), redrawn on a language switch. */
const problems = new Map<string, Problem>();
const notes = new Map<string, Problem>();
let photoBase64: string | null = null;
let fingerprintTemplates: string[] = [];
let receipt: { receiptNumber: string; acceptedAt: string; dueDate: string; daysLeft: number } | null = null;
let openShipment: string | null = null;
let scanResult: Problem = null;
let handoverResult: Problem = null;
let formError: Problem = null;
// Declared before sign-in runs (it may start at once, from a token kept in the tab), like everything redraw reads.
let drawing: Promise<void> | null = null;
let drawingFound: Promise<void> | null = null;
let temporary: { temporarySerial: string; validUntil: string; name: string } | null = null;

/** The status lines of the lost-card sections, by element id, redrawn on a language switch. */
const results = new Map<string, Problem>();

const t = speak(COUNTER_MESSAGES, () => {
  redraw();
  void drawShipments();
  void drawFoundCards();
});

const input = <T extends HTMLElement = HTMLInputElement>(id: string) => byId<T>(id);
const say = (p: Problem): string => (p === null ? '' : 'text' in p ? p.text : 'render' in p ? p.render() : t(p.key, p.values));

function redraw(): void {
  for (const node of document.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const id = node.dataset.errorFor!;
    const problem = problems.get(id) ?? null;
    node.textContent = say(problem);
    document.getElementById(id)?.setAttribute('aria-invalid', problem ? 'true' : 'false');
    const note = document.getElementById(`${id}-note`);
    if (note) note.textContent = say(notes.get(id) ?? null);
  }
  for (const option of document.querySelectorAll<HTMLOptionElement>('option[data-zh]')) {
    option.textContent = `${option.value} ${currentLanguage() === 'en' ? option.dataset.en : option.dataset.zh}`;
  }
  for (const [id, result] of results) byId(id).textContent = say(result);
  byId('temporary-fee').textContent = t('temporaryFee', { fee: TEMPORARY_ID_FEE_YUAN });
  drawTemporaryCard();
  byId('form-error').textContent = say(formError);
  byId('scan-result').textContent = say(scanResult);
  byId('handover-result').textContent = say(handoverResult);
  if (session) byId('who').textContent = t('signedInAs', { name: session.member.name, where: session.member.office ?? session.member.province ?? '' });
  drawReceipt();
}

// —— sign-in ——————————————————————————————————————————————————————————————————————————————————————————————

staffSignIn({
  role: 'clerk',
  messages: {
    malformed: t('signIn.malformed'),
    wrongRole: (actual) => t('signIn.wrongRole', { role: 'clerk', actual }),
    expired: t('signIn.expired'),
  },
  onSignedIn(started) {
    session = started;
    byId('sign-in-panel').hidden = true;
    byId('signed-in').hidden = false;
    byId('workspace').hidden = false;
    byId('office-code').textContent = started.member.office ?? '';
    redraw();
    void drawShipments();
    void drawFoundCards();
  },
  onSignedOut() {
    session = null;
    byId('sign-in-panel').hidden = false;
    byId('signed-in').hidden = true;
    byId('workspace').hidden = true;
  },
});

// —— the application form, checked as it is typed ——————————————————————————————————————————————————————————

function provinceName(code: string): string {
  const p = (PROVINCES as Record<string, { zh: string; en: string }>)[code];
  return p ? (currentLanguage() === 'en' ? p.en : p.zh) : code;
}

/** The ID number's own check (length, digits, date, check character), and what it says of its holder. */
function checkIdNumber(id: string, final: boolean): { problem: Problem; note: Problem; parsed: ReturnType<typeof parseCitizenId> } {
  const parsed = parseCitizenId(id.endsWith('x') ? id.slice(0, 17) + 'X' : id);
  if (!id) return { problem: final ? { key: 'required' } : null, note: null, parsed };
  if (id.length < 18 && !final) return { problem: null, note: { key: 'idTooShort', values: { count: 18 - id.length } }, parsed };
  if (id.length !== 18) return { problem: { key: 'idLength', values: { count: id.length } }, note: null, parsed };
  if (parsed.ok) {
    const v = parsed.value;
    return {
      problem: null,
      note: { key: 'idDerived', values: { birthDate: v.birthDate, sex: t(`sex.${v.sex}`), province: provinceName(v.provinceCode) } },
      parsed,
    };
  }
  if (/^\d{17}/.test(id) && /^check character/.test(parsed.reason)) {
    return { problem: { key: 'idCheck', values: { expected: checkCharacter(id.slice(0, 17)), actual: id[17].toUpperCase() } }, note: null, parsed };
  }
  return { problem: { key: 'idInvalid', values: { reason: parsed.reason } }, note: null, parsed };
}

function checkForm(final: boolean): void {
  const id = input('idNumber').value.trim();
  const checked = checkIdNumber(id, final);
  problems.set('idNumber', checked.problem);
  notes.set('idNumber', checked.note);
  const sex = input<HTMLSelectElement>('sex').value;
  const birthDate = input('birthDate').value;
  if (checked.parsed.ok) {
    const v = checked.parsed.value;
    problems.set('sex', v.sex === sex ? null : { key: 'sexDisagrees', values: { sex: t(`sex.${v.sex}`) } });
    problems.set(
      'birthDate',
      !birthDate || v.birthDate === birthDate
        ? final && !birthDate
          ? { key: 'required' }
          : null
        : { key: 'birthDisagrees', values: { birthDate: v.birthDate } },
    );
  } else {
    problems.set('sex', null);
    problems.set('birthDate', final && !birthDate ? { key: 'required' } : null);
  }
  const kind = input<HTMLSelectElement>('kind').value as Kind;
  const due = APPLICATION_FEES_YUAN[kind];
  notes.set('kind', { key: 'feeDue', values: { fee: due, kind: t(`kind.${kind}`) } });
  const fee = input('fee').value;
  problems.set('fee', fee === '' ? (final ? { key: 'required' } : null) : Number(fee) === due ? null : { key: 'feeWrong', values: { fee: due } });
  problems.set('name', final && !input('name').value.trim() ? { key: 'required' } : null);
  problems.set('address', final && input('address').value.trim().length < 4 ? { key: 'required' } : null);
  const post = input<HTMLSelectElement>('delivery').value === 'post';
  byId('postal-field').hidden = !post;
  problems.set('postalAddress', post && final && !input('postalAddress').value.trim() ? { key: 'postalRequired' } : null);
  if (final && !photoBase64 && !problems.get('photo')) problems.set('photo', { key: 'required' });
  if (final && fingerprintTemplates.length !== 2) problems.set('fingerprints', { key: 'fingerprintsCount', values: { count: fingerprintTemplates.length } });
  redraw();
}

/** Fills in what the ID number says (birth date, sex) once it is whole and valid. */
input('idNumber').addEventListener('input', () => {
  const id = input('idNumber').value.trim();
  const parsed = parseCitizenId(id.endsWith('x') ? id.slice(0, 17) + 'X' : id);
  if (parsed.ok) {
    input<HTMLSelectElement>('sex').value = parsed.value.sex;
    input('birthDate').value = parsed.value.birthDate;
  }
  checkForm(false);
});
input('idNumber').addEventListener('blur', () => {
  const checked = checkIdNumber(input('idNumber').value.trim(), true);
  problems.set('idNumber', checked.problem);
  redraw();
});
input<HTMLSelectElement>('kind').addEventListener('change', () => {
  input('fee').value = String(APPLICATION_FEES_YUAN[input<HTMLSelectElement>('kind').value as Kind]);
  checkForm(false);
});
for (const id of ['name', 'sex', 'birthDate', 'fee', 'address', 'delivery', 'postalAddress', 'ethnicGroup']) {
  input(id).addEventListener('input', () => checkForm(false));
  input(id).addEventListener('change', () => checkForm(false));
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The photo check of the counter (a 358 × 441 JPEG), on the bytes as they will be sent. */
function takePhoto(bytes: Uint8Array): void {
  const size = readJpegDimensions(bytes);
  const preview = input<HTMLImageElement>('photo-preview');
  if (!size) {
    problems.set('photo', { key: 'photoNotJpeg' });
    notes.set('photo', null);
    photoBase64 = null;
    preview.hidden = true;
  } else if (size.width !== PHOTO_WIDTH_PX || size.height !== PHOTO_HEIGHT_PX) {
    problems.set('photo', { key: 'photoSize', values: { ...size, standardWidth: PHOTO_WIDTH_PX, standardHeight: PHOTO_HEIGHT_PX } });
    notes.set('photo', null);
    photoBase64 = null;
    preview.hidden = true;
  } else {
    problems.set('photo', null);
    notes.set('photo', { key: 'photoOk', values: size });
    photoBase64 = base64Of(bytes);
    preview.src = `data:image/jpeg;base64,${photoBase64}`;
    preview.hidden = false;
  }
  redraw();
}

input('photo').addEventListener('change', async () => {
  const file = input('photo').files?.[0];
  if (file) takePhoto(new Uint8Array(await file.arrayBuffer()));
});

input('fingerprints').addEventListener('change', async () => {
  const files = [...(input('fingerprints').files ?? [])];
  fingerprintTemplates = await Promise.all(files.map(async (f) => base64Of(new Uint8Array(await f.arrayBuffer()))));
  problems.set('fingerprints', fingerprintTemplates.length === 2 ? null : { key: 'fingerprintsCount', values: { count: fingerprintTemplates.length } });
  redraw();
});

// The counter's camera: a frame cut to the standard's 358 × 441 and encoded as JPEG, then the same check as a file.
let stream: MediaStream | null = null;
byId('camera').addEventListener('click', async () => {
  const video = input<HTMLVideoElement>('camera-view');
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
    video.srcObject = stream;
    video.hidden = false;
    byId('take-photo').hidden = false;
  } catch {
    problems.set('photo', { key: 'cameraUnavailable' });
    redraw();
  }
});
byId('take-photo').addEventListener('click', async () => {
  const video = input<HTMLVideoElement>('camera-view');
  const canvas = document.createElement('canvas');
  canvas.width = PHOTO_WIDTH_PX;
  canvas.height = PHOTO_HEIGHT_PX;
  const scale = Math.max(PHOTO_WIDTH_PX / video.videoWidth, PHOTO_HEIGHT_PX / video.videoHeight);
  const [w, h] = [PHOTO_WIDTH_PX / scale, PHOTO_HEIGHT_PX / scale];
  canvas.getContext('2d')!.drawImage(video, (video.videoWidth - w) / 2, (video.videoHeight - h) / 2, w, h, 0, 0, PHOTO_WIDTH_PX, PHOTO_HEIGHT_PX);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  stream?.getTracks().forEach((track) => track.stop());
  video.hidden = true;
  byId('take-photo').hidden = true;
  if (blob) takePhoto(new Uint8Array(await blob.arrayBuffer()));
});

/** The server's field names (dotted paths into the body) and the page's fields they are shown beside. */
const FIELD_OF: Record<string, string> = {
  kind: 'kind',
  'citizen.idNumber': 'idNumber',
  'citizen.name': 'name',
  'citizen.sex': 'sex',
  'citizen.birthDate': 'birthDate',
  'citizen.ethnicGroup': 'ethnicGroup',
  'photo.jpegBase64': 'photo',
  photo: 'photo',
  fingerprints: 'fingerprints',
  feePaidYuan: 'fee',
  'residenceDeclaration.address': 'address',
  'delivery.method': 'delivery',
  'delivery.postalAddress': 'postalAddress',
};

function showServerErrors(errors: FieldError[], message: string): void {
  const unplaced: string[] = [];
  for (const error of errors) {
    const id = FIELD_OF[error.field] ?? FIELD_OF[error.field.replace(/\.\d+$/, '')];
    if (id) problems.set(id, { text: error.reason });
    else unplaced.push(error.reason);
  }
  formError = unplaced.length
    ? { text: unplaced.join('; ') }
    : errors.length
      ? { key: 'fixFields', values: { count: errors.length } }
      : { key: 'failed', values: { message } };
}

byId<HTMLFormElement>('application').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return;
  formError = null;
  checkForm(true);
  // The server checks everything again and has the last word; the page's own checks only save a round trip.
  const id = input('idNumber').value.trim().toUpperCase();
  const delivery = input<HTMLSelectElement>('delivery').value;
  const form = {
    kind: input<HTMLSelectElement>('kind').value,
    citizen: {
      idNumber: id,
      name: input('name').value.trim(),
      sex: input<HTMLSelectElement>('sex').value,
      birthDate: input('birthDate').value,
      ethnicGroup: input<HTMLSelectElement>('ethnicGroup').value,
    },
    receivingOfficeCode: session.member.office ?? '',
    photo: { jpegBase64: photoBase64 ?? '' },
    fingerprints: fingerprintTemplates,
    feePaidYuan: Number(input('fee').value),
    residenceDeclaration: { address: input('address').value.trim() },
    delivery: delivery === 'post' ? { method: delivery, postalAddress: input('postalAddress').value.trim() } : { method: delivery },
    expedited: input('expedited').checked,
  };
  const button = input<HTMLButtonElement>('submit');
  button.disabled = true;
  button.textContent = t('submitting');
  try {
    const answer = await session.api<typeof receipt & object>('POST', '/applications', form);
    if (answer.ok) {
      receipt = answer.body;
      problems.clear();
      formError = null;
      byId('application').hidden = true;
      redraw();
      byId('receipt-heading').focus();
    } else {
      showServerErrors(answer.body.errors ?? [], answer.body.message ?? String(answer.status));
      redraw();
      const first = [...problems.entries()].find(([, p]) => p !== null);
      if (first) document.getElementById(first[0])?.focus();
    }
  } finally {
    button.disabled = false;
    button.textContent = t('submit');
  }
});

function drawReceipt(): void {
  const section = byId('receipt');
  section.hidden = receipt === null;
  if (!receipt || !session) return;
  byId('receipt-number').textContent = receipt.receiptNumber;
  byId('receipt-accepted').textContent = cstDateTime(receipt.acceptedAt);
  byId('receipt-due').textContent = receipt.dueDate;
  byId('receipt-office').textContent = session.member.office ?? '';
  byId('receipt-days').textContent = t('receiptDays', { days: receipt.daysLeft });
}

/** Prints one receipt of the page (the application's or the temporary ID), whichever else is showing. */
function printOnly(sectionId: string): void {
  for (const other of document.querySelectorAll('.receipt.printing')) other.classList.remove('printing');
  const section = byId(sectionId);
  section.classList.add('printing');
  document.body.dataset.printing = sectionId;
  window.addEventListener(
    'afterprint',
    () => {
      section.classList.remove('printing');
      delete document.body.dataset.printing;
    },
    { once: true },
  );
  window.print();
}

byId('print').addEventListener('click', () => printOnly('receipt'));
byId('next-application').addEventListener('click', () => {
  receipt = null;
  photoBase64 = null;
  fingerprintTemplates = [];
  byId<HTMLFormElement>('application').reset();
  input<HTMLImageElement>('photo-preview').hidden = true;
  problems.clear();
  notes.clear();
  byId('application').hidden = false;
  redraw();
  input('idNumber').focus();
});

// —— arrivals: shipments to this office, and the cards of one scanned in one after another ————————————————————

interface ShipmentSummary {
  shipmentId: string;
  dispatchedAt: string;
  expedited: boolean;
  cardCount: number;
  arrivedCount: number;
}
interface Manifest {
  shipmentId: string;
  cardCount: number;
  arrivedCount: number;
  cards: { position: number; cardSerial: string; receiptNumber: string; arrived: boolean }[];
}

async function drawShipments(): Promise<void> {
  if (!session) return;
  drawing ??= (async () => {
    const answer = await session!.api<ShipmentSummary[]>('GET', '/shipments');
    const rows = answer.ok ? answer.body : [];
    const body = byId('shipments').querySelector('tbody')!;
    body.replaceChildren(
      ...rows.map((s) =>
        el(
          'tr',
          { 'data-shipment': s.shipmentId },
          el('td', {}, s.shipmentId),
          el('td', {}, cstDateTime(s.dispatchedAt)),
          el('td', {}, t('arrivedCount', { arrived: s.arrivedCount, total: s.cardCount })),
          el('td', {}, openButton(s.shipmentId)),
        ),
      ),
    );
    byId('shipments-caption').textContent = rows.length ? '' : t('noShipments');
    await drawManifest();
  })().finally(() => (drawing = null));
  return drawing;
}

function openButton(shipmentId: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'secondary', 'aria-label': `${t('open')} ${shipmentId}` }, t('open'));
  button.addEventListener('click', async () => {
    openShipment = shipmentId;
    scanResult = null;
    await drawManifest();
    input('scan').focus();
  });
  return button;
}

async function drawManifest(): Promise<void> {
  const box = byId('manifest');
  box.hidden = openShipment === null;
  if (!openShipment || !session) return;
  const answer = await session.api<Manifest>('GET', `/shipments/${encodeURIComponent(openShipment)}`);
  if (!answer.ok) return;
  const m = answer.body;
  byId('manifest-heading').textContent = t('manifestHeading', { shipment: m.shipmentId });
  byId('manifest-count').textContent = t('arrivedCount', { arrived: m.arrivedCount, total: m.cardCount });
  byId('manifest-cards')
    .querySelector('tbody')!
    .replaceChildren(
      ...m.cards.map((c) =>
        el(
          'tr',
          { class: c.arrived ? 'arrived' : 'missing', 'data-card': c.cardSerial },
          el('td', {}, String(c.position)),
          el('td', {}, c.cardSerial),
          el('td', {}, c.receiptNumber),
          el('td', {}, c.arrived ? t('arrived') : t('missing')),
        ),
      ),
    );
}

byId('refresh-shipments').addEventListener('click', () => void drawShipments());

byId<HTMLFormElement>('scan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = input('scan');
  const cardSerial = field.value.trim().toUpperCase();
  if (!cardSerial || !openShipment || !session) return;
  field.value = '';
  const answer = await session.api('POST', `/shipments/${encodeURIComponent(openShipment)}/arrivals`, { cardSerial });
  scanResult = answer.ok
    ? { key: 'scanned', values: { serial: cardSerial } }
    : { key: 'scanRefused', values: { serial: cardSerial, message: answer.body.message ?? '' } };
  await drawShipments();
  redraw();
  field.focus();
});

// —— handover ——————————————————————————————————————————————————————————————————————————————————————————————

input('handoverId').addEventListener('input', () => {
  const id = input('handoverId').value.trim();
  const checked = checkIdNumber(id, false);
  problems.set('handoverId', checked.problem);
  redraw();
});

byId<HTMLFormElement>('handover').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return;
  const receiptNumber = input('handoverReceipt').value.trim().toUpperCase();
  const idNumber = input('handoverId').value.trim().toUpperCase();
  problems.set('handoverReceipt', receiptNumber ? null : { key: 'required' });
  problems.set('handoverId', checkIdNumber(idNumber, true).problem);
  if (problems.get('handoverReceipt') || problems.get('handoverId')) return redraw();
  const answer = await session.api<{ receiptNumber: string; handedOverAt: string }>('POST', `/applications/${encodeURIComponent(receiptNumber)}/handover`, {
    idNumber,
  });
  handoverResult = answer.ok
    ? { key: 'handedOver', values: { receipt: receiptNumber } }
    : { key: 'handoverRefused', values: { message: answer.body.message ?? '' } };
  if (answer.ok) byId<HTMLFormElement>('handover').reset();
  redraw();
});

// —— lost cards: the fields, the server's field errors beside them ——————————————————————————————————————————

/** An ID number field checked as it is typed, with the application form's rules and what the number says. */
function watchIdField(id: string): void {
  input(id).addEventListener('input', () => {
    const checked = checkIdNumber(input(id).value.trim(), false);
    problems.set(id, checked.problem);
    notes.set(id, checked.note);
    redraw();
  });
  input(id).addEventListener('blur', () => {
    if (!input(id).value.trim()) return;
    problems.set(id, checkIdNumber(input(id).value.trim(), true).problem);
    redraw();
  });
}
for (const id of ['lossId', 'tempId', 'foundId']) watchIdField(id);

const idValue = (id: string) => input(id).value.trim().toUpperCase();
const homeOf = (id: string) => input<HTMLSelectElement>(id).value;

/** The page's own check of an ID number before sending; true when it may go. */
function idReady(id: string): boolean {
  problems.set(id, checkIdNumber(idValue(id), true).problem);
  return problems.get(id) === null;
}

/** A 4xx body's field errors beside the fields they name (by the section's map); the rest on its status line. */
function showFieldErrors(fieldOf: Record<string, string>, statusLine: string, answer: Answer<unknown>): void {
  const unplaced: string[] = [];
  for (const error of answer.body.errors ?? []) {
    const id = fieldOf[error.field];
    if (id) problems.set(id, { text: error.reason });
    else unplaced.push(error.reason);
  }
  const placed = (answer.body.errors ?? []).length - unplaced.length;
  results.set(
    statusLine,
    unplaced.length
      ? { text: unplaced.join('; ') }
      : placed
        ? { key: 'fixFields', values: { count: placed } }
        : { key: 'failed', values: { message: answer.body.message ?? String(answer.status) } },
  );
  redraw();
  const first = Object.values(fieldOf).find((id) => problems.get(id));
  if (first) input(first).focus();
}

function clearProblems(ids: string[], statusLine: string): void {
  for (const id of ids) problems.set(id, null);
  results.set(statusLine, null);
  delete byId(statusLine).dataset.state;
}

/** A refusal code in the clerk's words when the catalogue has them, else as the server put it. */
function refusalWords(prefix: 'lossRefusal' | 'temporaryRefusal', refusal: string | null | undefined, fallback: string): () => string {
  const key = `${prefix}.${refusal}`;
  return () => (key in COUNTER_MESSAGES['zh-CN'] ? t(key as CounterMessageKey) : fallback);
}

async function busy<T>(buttonId: string, label: CounterMessageKey, idle: CounterMessageKey, work: () => Promise<T>): Promise<T> {
  const button = input<HTMLButtonElement>(buttonId);
  button.disabled = true;
  button.textContent = t(label);
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = t(idle);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// —— 挂失: a loss report, then the home registry's answer ————————————————————————————————————————————————————

const LOSS_FIELDS: Record<string, string> = { idNumber: 'lossId', homeProvince: 'lossHome', cardSerial: 'lossSerial' };

interface LossReportView {
  reportId: string;
  status: 'pending' | 'accepted' | 'refused';
  refusal: string | null;
  refusalText: string | null;
  cardSerial: string | null;
}

function setLossState(state: string, result: Problem): void {
  byId('loss-result').dataset.state = state;
  results.set('loss-result', result);
  redraw();
}

/** Polls the report until the home registry answers (every second, for two minutes; the report stays pending after). */
async function followLossReport(reportId: string): Promise<void> {
  for (let i = 0; i < 120 && session; i++) {
    const answer = await session.api<LossReportView>('GET', `/loss-reports/${encodeURIComponent(reportId)}`);
    const v = answer.ok ? answer.body : null;
    if (v?.status === 'accepted') {
      const serial = v.cardSerial;
      return setLossState('accepted', serial ? { key: 'lossAccepted', values: { serial } } : { key: 'lossAcceptedNoSerial' });
    }
    if (v?.status === 'refused') {
      const reason = refusalWords('lossRefusal', v.refusal, v.refusalText ?? v.refusal ?? '');
      return setLossState('refused', { render: () => t('lossRefused', { reason: reason() }) });
    }
    await pause(i < 10 ? 300 : 1000);
  }
}

byId<HTMLFormElement>('loss-report').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return;
  clearProblems(['lossId', 'lossHome', 'lossSerial'], 'loss-result');
  if (!idReady('lossId')) {
    redraw();
    return input('lossId').focus();
  }
  const cardSerial = input('lossSerial').value.trim().toUpperCase();
  const home = homeOf('lossHome');
  const form = { idNumber: idValue('lossId'), ...(home ? { homeProvince: home } : {}), ...(cardSerial ? { cardSerial } : {}) };
  const answer = await busy('report-loss', 'submitting', 'reportLoss', () => session!.api<{ reportId: string }>('POST', '/loss-reports', form));
  if (!answer.ok) {
    byId('loss-result').dataset.state = 'error';
    return showFieldErrors(LOSS_FIELDS, 'loss-result', answer);
  }
  setLossState('pending', { key: 'lossPending' });
  await followLossReport(answer.body.reportId);
});

// —— 临时身份证: asked on the spot, handed out only on the home registry's word ——————————————————————————————————

const TEMPORARY_FIELDS: Record<string, string> = { idNumber: 'tempId', name: 'tempName', homeProvince: 'tempHome' };

function drawTemporaryCard(): void {
  byId('temporary-receipt').hidden = temporary === null;
  if (!temporary) return;
  byId('temporary-serial').textContent = temporary.temporarySerial;
  byId('temporary-valid-until').textContent = temporary.validUntil;
  byId('temporary-name').textContent = temporary.name;
}

byId<HTMLFormElement>('temporary-card').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return;
  clearProblems(['tempId', 'tempName', 'tempHome'], 'temporary-result');
  temporary = null;
  const name = input('tempName').value.trim();
  const idOk = idReady('tempId');
  problems.set('tempName', name ? null : { key: 'required' });
  if (!idOk || !name) {
    redraw();
    return input(idOk ? 'tempName' : 'tempId').focus();
  }
  const home = homeOf('tempHome');
  const form = { idNumber: idValue('tempId'), name, ...(home ? { homeProvince: home } : {}) };
  const result = byId('temporary-result');
  results.set('temporary-result', { key: 'temporaryWaiting' });
  result.dataset.state = 'waiting';
  redraw();
  const answer = await busy('request-temporary', 'temporaryWaiting', 'requestTemporary', () =>
    session!.api<{ temporarySerial: string; validUntil: string }>('POST', '/temporary-cards', form),
  );
  if (answer.ok) {
    temporary = { temporarySerial: answer.body.temporarySerial, validUntil: answer.body.validUntil, name };
    result.dataset.state = 'issued';
    results.set('temporary-result', null);
    redraw();
    return byId('temporary-receipt-heading').focus();
  }
  if (answer.status === 422 && answer.body.code === 'TEMPORARY_CARD_REFUSED') {
    const body = answer.body as { refusal?: string; message?: string };
    const reason = refusalWords('temporaryRefusal', body.refusal, body.message ?? '');
    result.dataset.state = 'refused';
    results.set('temporary-result', { render: () => t('temporaryRefused', { reason: reason() }) });
    return redraw();
  }
  if (answer.status === 503) {
    result.dataset.state = 'no-answer';
    results.set('temporary-result', { key: 'temporaryNoAnswer' });
    return redraw();
  }
  result.dataset.state = 'error';
  showFieldErrors(TEMPORARY_FIELDS, 'temporary-result', answer);
});

byId('print-temporary').addEventListener('click', () => printOnly('temporary-receipt'));

// —— 丢失招领: cards handed in, the office's list by status, destruction and collection ————————————————————————

const FOUND_FIELDS: Record<string, string> = { cardSerial: 'foundSerial', idNumber: 'foundId', homeProvince: 'foundHome' };
type FoundStatus = 'routed' | 'to_destroy' | 'awaiting_collection' | 'destroyed' | 'collected';
interface FoundCard {
  foundCardId: string;
  cardSerial: string;
  idNumber: string;
  status: FoundStatus;
  foundAt: string;
}

async function drawFoundCards(): Promise<void> {
  if (!session) return;
  drawingFound ??= (async () => {
    const status = input<HTMLSelectElement>('found-status').value;
    const answer = await session!.api<FoundCard[]>('GET', `/found-cards${status ? `?status=${encodeURIComponent(status)}` : ''}`);
    const rows = answer.ok ? answer.body : [];
    byId('found-list')
      .querySelector('tbody')!
      .replaceChildren(
        ...rows.map((c) =>
          el(
            'tr',
            { 'data-found-card': c.foundCardId, 'data-serial': c.cardSerial, 'data-status': c.status },
            el('td', {}, c.cardSerial),
            el('td', {}, c.idNumber),
            el('td', {}, t(`foundStatus.${c.status}`)),
            el('td', {}, cstDateTime(c.foundAt)),
            el('td', {}, foundActions(c)),
          ),
        ),
      );
    byId('found-caption').textContent = rows.length ? '' : t('noFoundCards');
  })().finally(() => (drawingFound = null));
  return drawingFound;
}

/** What the clerk can do with a card now: destroy one the registry (or the keep period) condemned; hand one back to its holder. */
function foundActions(card: FoundCard): HTMLElement | string {
  if (card.status === 'to_destroy') {
    const button = el('button', { type: 'button', class: 'secondary', 'aria-label': `${t('recordDestruction')} ${card.cardSerial}` }, t('recordDestruction'));
    button.addEventListener('click', () => void foundAction(card, 'destruction'));
    return button;
  }
  if (card.status !== 'awaiting_collection') return '';
  const id = `collect-${card.foundCardId}`;
  const holder = el('input', {
    id,
    name: id,
    maxlength: '18',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'characters',
    'aria-describedby': `${id}-error`,
  });
  const button = el('button', { type: 'button', class: 'secondary', 'aria-label': `${t('recordCollection')} ${card.cardSerial}` }, t('recordCollection'));
  button.addEventListener('click', () => void foundAction(card, 'collection'));
  return el(
    'div',
    { class: 'actions' },
    el('div', { class: 'field' }, el('label', { for: id }, t('holderId')), holder, el('span', { class: 'error', id: `${id}-error`, role: 'alert' })),
    button,
  );
}

async function foundAction(card: FoundCard, action: 'destruction' | 'collection'): Promise<void> {
  if (!session) return;
  const path = `/found-cards/${encodeURIComponent(card.foundCardId)}/${action}`;
  let body: { idNumber: string } | undefined;
  if (action === 'collection') {
    const holder = input(`collect-${card.foundCardId}`);
    const idNumber = holder.value.trim().toUpperCase();
    const problem = checkIdNumber(idNumber, true).problem;
    if (problem) {
      byId(`collect-${card.foundCardId}-error`).textContent = say(problem);
      holder.setAttribute('aria-invalid', 'true');
      return holder.focus();
    }
    body = { idNumber };
  }
  const answer = await session.api<FoundCard>('POST', path, body);
  const serial = card.cardSerial;
  results.set(
    'found-action-result',
    answer.ok
      ? { key: action === 'destruction' ? 'destroyed' : 'collected', values: { serial } }
      : { key: 'actionRefused', values: { serial, message: answer.body.message ?? String(answer.status) } },
  );
  await drawFoundCards();
  redraw();
  if (!answer.ok && action === 'collection') {
    const error = document.getElementById(`collect-${card.foundCardId}-error`);
    if (error) error.textContent = answer.body.message ?? '';
  }
}

/** Polls a card just handed in until its home registry answers (every second, for two minutes), then redraws the list. */
async function followFoundCard(foundCardId: string, serial: string): Promise<void> {
  for (let i = 0; i < 120 && session; i++) {
    const answer = await session.api<FoundCard>('GET', `/found-cards/${encodeURIComponent(foundCardId)}`);
    if (answer.ok && answer.body.status !== 'routed') {
      const status = answer.body.status;
      byId('found-result').dataset.state = status;
      results.set('found-result', { render: () => t('foundAnswered', { serial, status: t(`foundStatus.${status}`) }) });
      await drawFoundCards();
      return redraw();
    }
    await pause(i < 10 ? 300 : 1000);
  }
}

byId<HTMLFormElement>('found-card-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return;
  clearProblems(['foundSerial', 'foundId', 'foundHome'], 'found-result');
  const cardSerial = input('foundSerial').value.trim().toUpperCase();
  const idOk = idReady('foundId');
  problems.set('foundSerial', cardSerial ? null : { key: 'required' });
  if (!idOk || !cardSerial) {
    redraw();
    return input(cardSerial ? 'foundId' : 'foundSerial').focus();
  }
  const home = homeOf('foundHome');
  const form = { cardSerial, idNumber: idValue('foundId'), ...(home ? { homeProvince: home } : {}) };
  const answer = await busy('hand-in', 'submitting', 'handIn', () => session!.api<FoundCard>('POST', '/found-cards', form));
  if (!answer.ok) {
    byId('found-result').dataset.state = 'error';
    return showFieldErrors(FOUND_FIELDS, 'found-result', answer);
  }
  byId('found-result').dataset.state = 'routed';
  results.set('found-result', { key: 'handedIn', values: { serial: cardSerial } });
  byId<HTMLFormElement>('found-card-form').reset();
  notes.set('foundId', null);
  redraw();
  await drawFoundCards();
  await followFoundCard(answer.body.foundCardId, cardSerial);
});

input<HTMLSelectElement>('found-status').addEventListener('change', () => void drawFoundCards());
byId('refresh-found').addEventListener('click', () => void drawFoundCards());
