/** A calendar date without a time, as written in messages and on cards: YYYY-MM-DD. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date that exists: 2024-02-29 is one, 2026-02-29 and 2026-13-01 are not. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0-99 to 1900-1999, hence setUTCFullYear.
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Year, month (1-12) and day of a YYYY-MM-DD date; throws RangeError on anything else. */
export function calendarDateParts(date: string): { year: number; month: number; day: number } {
  if (!isCalendarDate(date)) throw new RangeError(`${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD)`);
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
