/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEADLINE_DAYS = 60;

/** The CST calendar day of an instant, as days since the epoch. */
function cstDay(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/**
 * The 60-day limit: an application accepted on CST day D is due by the end of CST day D + 60
 * (i.e. the instant midnight CST starting day D + 61). Calendar days, not working days.
 */
export function dueDateFor(acceptedAt: Date): Date {
  return new Date((cstDay(acceptedAt) + DEADLINE_DAYS + 1) * DAY_MS - CST_OFFSET_MS);
}

/** Whole CST calendar days from now until the due date's last day; 0 on the last day, negative once breached. */
export function daysLeft(dueAt: Date, now: Date): number {
  return cstDay(new Date(dueAt.getTime() - 1)) - cstDay(now);
}

/** The CST calendar date (YYYY-MM-DD) of an instant. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
