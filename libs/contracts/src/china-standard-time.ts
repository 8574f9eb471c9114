/** China Standard Time is UTC+8 all year: no daylight saving, so a CST day is always 24 hours. */
export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The CST calendar day of an instant, counted in days since 1970-01-01 (CST). */
export function cstDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** The instant a CST day number begins: 00:00 CST, which is 16:00 UTC the day before. */
export function startOfCstDay(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS - CST_OFFSET_MS);
}

/** The CST calendar date (YYYY-MM-DD) of an instant. */
export function cstDate(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid Date');
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
