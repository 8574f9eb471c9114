import { calendarDateParts, isLeapYear, TEMPORARY_CARD_VALID_MONTHS, TemporaryCardRefusal } from '@idcard/contracts';
import { sameName } from './review';

/**
 * A temporary card's serial: T, the home province, a 15-digit sequence — 18 characters, distinguishable at a
 * glance from production serials (P…) and the seed's (RG…).
 */
export function temporarySerialFor(homeProvince: string, sequence: number): string {
  if (!/^\d{2}$/.test(homeProvince)) throw new RangeError(`home province must be two digits, not ${homeProvince}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** 15) throw new RangeError(`temporary card sequence ${sequence} does not fit`);
  return `T${homeProvince}${String(sequence).padStart(15, '0')}`;
}

/** A date moved by whole months; the 31st of a month without one falls on its last day (2027-01-31 + 1 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = calendarDateParts(date);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  const lastDay = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** The last valid day of a temporary card issued on `issueDate` (CST): three months on, as a resident card's expiry is years on. */
export function temporaryCardValidUntil(issueDate: string): string {
  return addMonths(issueDate, TEMPORARY_CARD_VALID_MONTHS);
}

/**
 * Whether the registry may issue: never after the office's answerBy (the office has stopped waiting and would not
 * hand it out), never for someone not in the register, never under another name than the register's.
 */
export function judgeTemporaryCardRequest(
  registered: { name: string } | null,
  statedName: string,
  now: Date,
  answerBy: Date,
): { outcome: 'issue' } | { outcome: 'refuse'; refusal: TemporaryCardRefusal } {
  if (now.getTime() > answerBy.getTime()) return { outcome: 'refuse', refusal: 'too-late' };
  if (!registered) return { outcome: 'refuse', refusal: 'not-in-register' };
  if (!sameName(registered.name, statedName)) return { outcome: 'refuse', refusal: 'mismatch' };
  return { outcome: 'issue' };
}
