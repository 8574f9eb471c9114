import { calendarDateParts, isLeapYear } from './calendar-date';

/** Whole years of age on a date (both YYYY-MM-DD); born 29 February, one turns a year older on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const b = calendarDateParts(birthDate);
  const d = calendarDateParts(on);
  if (on < birthDate) throw new RangeError(`${on} is before the birth date ${birthDate}`);
  return d.year - b.year - (d.month < b.month || (d.month === b.month && d.day < b.day) ? 1 : 0);
}

/** Years a new card is valid by age at issue: under 16 → 5, 16-25 → 10, 26-45 → 20, over 45 → long-term (null). */
export function cardValidityYears(ageAtIssue: number): 5 | 10 | 20 | null {
  if (ageAtIssue < 16) return 5;
  if (ageAtIssue <= 25) return 10;
  if (ageAtIssue <= 45) return 20;
  return null;
}

/**
 * Expiry of a new card (YYYY-MM-DD), or null for a long-term card (长期). As printed on cards, the expiry is the
 * anniversary of the issue date (2026.11.22-2046.11.22); a card issued on 29 February expires on 28 February
 * when the expiry year has no 29th, so it never outlives its term.
 */
export function cardExpiryFor(birthDate: string, issueDate: string): string | null {
  const years = cardValidityYears(ageOn(birthDate, issueDate));
  if (years === null) return null;
  const { year, month, day } = calendarDateParts(issueDate);
  const expiryYear = year + years;
  const expiryDay = month === 2 && day === 29 && !isLeapYear(expiryYear) ? 28 : day;
  return `${String(expiryYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(expiryDay).padStart(2, '0')}`;
}
