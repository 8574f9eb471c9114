// The citizen's progress page: look up a receipt with the last four characters of the ID number, show where it is.
import { PROVINCES } from '../../../../../libs/contracts/src/codes/provinces';
import { byId, callApi, cstDateTime, cstDay, currentLanguage, el, speak } from '../../../../../libs/pages/client/page';
import { TRACK_MESSAGES, TrackMessageKey } from '../track.messages';

interface Progress {
  receiptNumber: string;
  status: string;
  expedited: boolean;
  maskedName: string;
  maskedIdNumber: string;
  dueDate: string;
  daysLeft: number;
  timeline: { step: string; at: string }[];
  collection: { method: 'counter' | 'kiosk' | 'post'; receivingOfficeCode: string; province: string; ready: boolean; collectedAt?: string };
  rejectionReason?: string;
  notices: { sentAt: string; text: string }[];
}

let shown: Progress | null = null;
let problem: TrackMessageKey | null = null;
const t = speak(TRACK_MESSAGES, () => draw());

function provinceName(code: string): string {
  const province = (PROVINCES as Record<string, { zh: string; en: string }>)[code];
  if (!province) return code;
  return currentLanguage() === 'en' ? province.en : province.zh;
}

function daysLine(p: Progress): string {
  if (p.status === 'handed_over' || p.status === 'rejected') return t('finished');
  if (p.daysLeft > 0) return t('daysLeft', { days: p.daysLeft, dueDate: p.dueDate });
  if (p.daysLeft === 0) return t('lastDay');
  return t('overdue', { days: -p.daysLeft });
}

function collectionLines(p: Progress): string[] {
  const c = p.collection;
  if (p.status === 'rejected') return [t('collect.none')];
  if (c.collectedAt) return [t('collect.done', { date: cstDay(c.collectedAt) })];
  const how = t(`collect.${c.method}`, { office: c.receivingOfficeCode, province: provinceName(c.province) });
  return [how, c.ready ? t('collect.ready') : t('collect.when')];
}

function draw(): void {
  byId('lookup-error').textContent = problem ? t(problem) : '';
  const section = byId('progress');
  section.hidden = shown === null;
  if (!shown) return;
  const p = shown;
  const status = byId('status');
  status.textContent = t(`status.${p.status}` as TrackMessageKey) + (p.expedited ? ` · ${t('expedited')}` : '');
  status.dataset.status = p.status;
  byId('applicant').textContent = t('applicant', { name: p.maskedName, idNumber: p.maskedIdNumber });
  byId('days-left').textContent = daysLine(p);
  byId('timeline').replaceChildren(
    ...p.timeline.map((s) => el('li', { 'data-step': s.step }, el('time', { datetime: s.at }, cstDateTime(s.at)), t(`status.${s.step}` as TrackMessageKey))),
  );
  const reason = p.rejectionReason ? el('p', { class: 'bad' }, t('rejectedBecause', { reason: t(`reason.${p.rejectionReason}` as TrackMessageKey) })) : null;
  byId('collection').replaceChildren(...collectionLines(p).map((line) => el('p', {}, line)), reason ?? '');
  byId('notices').replaceChildren(
    ...(p.notices.length
      ? p.notices.map((n) => el('li', {}, el('time', { datetime: n.sentAt }, cstDateTime(n.sentAt)), ' ', n.text))
      : [el('li', {}, t('noNotices'))]),
  );
}

byId<HTMLFormElement>('lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const receiptNumber = byId<HTMLInputElement>('receipt').value.trim().toUpperCase();
  const idNumberLast4 = byId<HTMLInputElement>('last4').value.trim().toUpperCase();
  const button = byId<HTMLButtonElement>('search');
  if (!receiptNumber || !/^\d{3}[\dX]$/.test(idNumberLast4)) {
    problem = 'badInput';
    shown = null;
    return draw();
  }
  button.disabled = true;
  button.textContent = t('searching');
  try {
    const answer = await callApi<Progress>('POST', '/track/lookup', { receiptNumber, idNumberLast4 });
    shown = answer.ok ? answer.body : null;
    problem = answer.ok ? null : answer.status === 404 ? 'notFound' : answer.status === 429 ? 'tooMany' : answer.status === 400 ? 'badInput' : 'failed';
  } catch {
    shown = null;
    problem = 'failed';
  } finally {
    button.disabled = false;
    button.textContent = t('search');
  }
  draw();
  if (shown) byId('progress-heading').focus();
});
