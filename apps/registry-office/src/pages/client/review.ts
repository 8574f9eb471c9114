// The reviewer's queue: each doubtful application with why, the application beside the register's record, and
// approve or reject with a reason — through the registry's own guarded API, with the reviewer's token.
import { ETHNIC_GROUPS } from '../../../../../libs/contracts/src/codes/ethnic-groups';
import { PROVINCES } from '../../../../../libs/contracts/src/codes/provinces';
import { byId, cstDateTime, currentLanguage, el, speak } from '../../../../../libs/pages/client/page';
import { StaffSession, staffSignIn } from '../../../../../libs/pages/client/staff-session';
import { REVIEW_MESSAGES, ReviewMessageKey } from '../review.messages';

interface Person {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicGroup: string;
}
interface Doubt {
  kind: 'ethnicity_change' | 'fee_mismatch';
  registered?: string;
  declared?: string;
  due?: number;
  paid?: number;
}
interface ReviewItem {
  receiptNumber: string;
  why: string;
  doubts: Doubt[];
  kind: string;
  declared: Person;
  registered: Person | null;
  receivingProvince: string;
  receivingOfficeCode: string;
  expedited: boolean;
  receivedAt: string;
  daysLeft: number;
  deadlineBreached: boolean;
  deadlineWarned: boolean;
}

type Said = { key: ReviewMessageKey; values?: Record<string, string | number> } | null;

let session: StaffSession | null = null;
let items: ReviewItem[] = [];
let result: Said = null;
/** Per receipt: the counter's photo and the register's (null when the register holds none). */
const photos = new Map<string, { counter: string; register: string | null }>();
const t = speak(REVIEW_MESSAGES, () => draw());

const named = (table: Record<string, { zh: string; en: string }>, code: string) => {
  const entry = table[code];
  return entry ? (currentLanguage() === 'en' ? entry.en : entry.zh) : code;
};
const ethnicity = (code: string) => `${named(ETHNIC_GROUPS, code)} (${code})`;

function doubtLine(d: Doubt): string {
  if (d.kind === 'ethnicity_change') return t('doubt.ethnicity_change', { registered: ethnicity(d.registered ?? ''), declared: ethnicity(d.declared ?? '') });
  return t('doubt.fee_mismatch', { due: d.due ?? '', paid: d.paid ?? '' });
}

/** One side of the comparison: a person's particulars, each marked where it differs from the other side. */
function particulars(person: Person, other: Person | null, headingId: string): HTMLElement {
  const rows: [ReviewMessageKey, string, keyof Person][] = [
    ['idNumber', person.idNumber, 'idNumber'],
    ['name', person.name, 'name'],
    ['sex', t(`sex.${person.sex}`), 'sex'],
    ['birthDate', person.birthDate, 'birthDate'],
    ['ethnicGroup', ethnicity(person.ethnicGroup), 'ethnicGroup'],
  ];
  return el(
    'dl',
    { class: 'facts', 'aria-labelledby': headingId },
    ...rows.flatMap(([label, value, key]) => {
      const differs = other !== null && other[key] !== person[key];
      return [el('dt', {}, t(label)), el('dd', { class: differs ? 'differs' : '', 'data-field': key }, value)];
    }),
  );
}

/** The register's photo of the current card, or the note that it holds none (for the officer to go by the particulars). */
function registerPhotoView(jpegBase64: string | null): HTMLElement[] {
  if (jpegBase64 === null) return [el('div', { class: 'photo notice', role: 'note' }, t('noRegisterPhoto'))];
  const img = el('img', { class: 'photo register-photo', alt: t('photoOfRegister') });
  img.src = `data:image/jpeg;base64,${jpegBase64}`;
  return [img];
}

function itemView(item: ReviewItem): HTMLElement {
  const id = item.receiptNumber.replace(/[^\w-]/g, '');
  const badges = [
    item.deadlineBreached ? el('span', { class: 'badge breached' }, t('breached')) : null,
    !item.deadlineBreached && item.deadlineWarned ? el('span', { class: 'badge warned' }, t('warned')) : null,
    item.expedited ? el('span', { class: 'badge warned' }, t('expedited')) : null,
  ];
  const days = item.daysLeft >= 0 ? t('daysLeft', { days: item.daysLeft }) : t('overdue', { days: -item.daysLeft });
  const photo = el('img', { class: 'photo', alt: t('photoOfApplication'), id: `photo-${id}` });
  const known = photos.get(item.receiptNumber);
  if (known) photo.src = `data:image/jpeg;base64,${known.counter}`;
  const registerPhoto = el('div', { id: `register-photo-${id}` }, ...(known ? registerPhotoView(known.register) : []));
  const ethnicityChange = item.doubts.some((d) => d.kind === 'ethnicity_change');

  const reason = el('input', { id: `reason-${id}`, name: 'reason', maxlength: '400', autocomplete: 'off' });
  const code = el(
    'select',
    { id: `code-${id}`, name: 'reasonCode' },
    ...(ethnicityChange ? (['ETHNICITY_MISMATCH', 'REVIEWER_REJECTED'] as const) : (['REVIEWER_REJECTED'] as const)).map((c) =>
      el('option', { value: c }, t(`code.${c}`)),
    ),
  );
  const reasonError = el('span', { class: 'error', id: `reason-error-${id}` });
  reason.setAttribute('aria-describedby', reasonError.id);
  const approve = el('button', { type: 'button', class: 'approve' }, t('approve'));
  approve.addEventListener('click', () => decide(item, 'approve', {}));
  const form = el(
    'form',
    { class: 'actions', novalidate: true, 'aria-label': `${t('reject')} ${item.receiptNumber}` },
    el('div', { class: 'field' }, el('label', { for: reason.id }, t('reason')), reason, reasonError),
    el('div', { class: 'field' }, el('label', { for: code.id }, t('reasonCode')), code),
    el('button', { type: 'submit', class: 'secondary reject' }, t('reject')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!reason.value.trim()) {
      reasonError.textContent = t('reasonRequired');
      reason.setAttribute('aria-invalid', 'true');
      return reason.focus();
    }
    void decide(item, 'reject', { reason: reason.value.trim(), reasonCode: code.value });
  });

  return el(
    'article',
    { class: 'review', 'data-receipt': item.receiptNumber, 'aria-labelledby': `title-${id}` },
    el(
      'section',
      {},
      el('h3', { id: `title-${id}` }, `${item.receiptNumber} · ${t(`kind.${item.kind}` as ReviewMessageKey)} `, ...badges),
      el(
        'p',
        {},
        days,
        ' · ',
        t('receivedFrom', { office: item.receivingOfficeCode, province: named(PROVINCES, item.receivingProvince), date: cstDateTime(item.receivedAt) }),
      ),
      el('p', { class: 'why' }, el('strong', {}, `${t('why')}: `), item.doubts.length ? item.doubts.map(doubtLine).join('; ') : item.why),
      el(
        'div',
        { class: 'columns' },
        el('div', {}, el('h4', { id: `declared-${id}` }, t('declared')), photo, particulars(item.declared, item.registered, `declared-${id}`)),
        el(
          'div',
          {},
          el('h4', { id: `registered-${id}` }, t('registered')),
          registerPhoto,
          item.registered ? particulars(item.registered, item.declared, `registered-${id}`) : el('p', { class: 'bad' }, t('notRegistered')),
        ),
      ),
      el('div', { class: 'actions' }, approve),
      form,
    ),
  );
}

function draw(): void {
  if (session) byId('who').textContent = t('signedInAs', { name: session.member.name, where: session.member.province ?? '' });
  byId('queue-count').textContent = session ? (items.length ? t('count', { count: items.length }) : t('empty')) : '';
  byId('decision-result').textContent = result ? t(result.key, result.values) : '';
  byId('queue').replaceChildren(...items.map(itemView));
}

async function load(): Promise<void> {
  if (!session) return;
  const answer = await session.api<ReviewItem[]>('GET', '/reviews?limit=50');
  items = answer.ok ? answer.body : [];
  draw();
  await Promise.all(
    items
      .filter((i) => !photos.has(i.receiptNumber))
      .map(async (i) => {
        const photo = await session!.api<{ jpegBase64: string; registerJpegBase64: string | null }>(
          'GET',
          `/reviews/${encodeURIComponent(i.receiptNumber)}/photo`,
        );
        if (!photo.ok) return;
        const known = { counter: photo.body.jpegBase64, register: photo.body.registerJpegBase64 ?? null };
        photos.set(i.receiptNumber, known);
        const id = i.receiptNumber.replace(/[^\w-]/g, '');
        const img = document.getElementById(`photo-${id}`) as HTMLImageElement | null;
        if (img) img.src = `data:image/jpeg;base64,${known.counter}`;
        document.getElementById(`register-photo-${id}`)?.replaceChildren(...registerPhotoView(known.register));
      }),
  );
}

async function decide(item: ReviewItem, decision: 'approve' | 'reject', body: object): Promise<void> {
  if (!session) return;
  const answer = await session.api('POST', `/reviews/${encodeURIComponent(item.receiptNumber)}/${decision}`, body);
  result = answer.ok
    ? { key: decision === 'approve' ? 'approved' : 'rejected', values: { receipt: item.receiptNumber } }
    : { key: 'refused', values: { receipt: item.receiptNumber, message: answer.body.message ?? String(answer.status) } };
  await load();
  byId('queue-heading').focus();
}

byId('refresh').addEventListener('click', () => void load());

staffSignIn({
  role: 'reviewer',
  messages: {
    malformed: t('signIn.malformed'),
    wrongRole: (actual) => t('signIn.wrongRole', { role: 'reviewer', actual }),
    expired: t('signIn.expired'),
  },
  onSignedIn(started) {
    session = started;
    byId('sign-in-panel').hidden = true;
    byId('signed-in').hidden = false;
    byId('workspace').hidden = false;
    void load();
  },
  onSignedOut() {
    session = null;
    items = [];
    byId('sign-in-panel').hidden = false;
    byId('signed-in').hidden = true;
    byId('workspace').hidden = true;
  },
});
