import { cstDayNumber, startOfCstDay } from './china-standard-time';

/** A remote application must be completed within 60 days of acceptance (60天的办理时限). */
export const DEADLINE_DAYS = 60;

/**
 * When an application accepted at `acceptedAt` is due. Calendar days in China Standard Time, not working days,
 * and the day of acceptance does not count: accepted on CST day D, it is due by the end of CST day D + 60,
 * i.e. the returned instant is 00:00 CST of day D + 61. Accepted any time on 1 March 2026 (CST) → due
 * 2026-05-01T00:00+08:00 (2026-04-30T16:00Z); it is breached from that instant on.
 */
export function dueDateFor(acceptedAt: Date): Date {
  if (Number.isNaN(acceptedAt.getTime())) throw new RangeError('acceptedAt is an invalid Date');
  return startOfCstDay(cstDayNumber(acceptedAt) + DEADLINE_DAYS + 1);
}

/**
 * Whole CST calendar days left between today (CST) and the last day of the limit: 60 on the day of acceptance,
 * 0 on the last day, negative once breached (-1 from the due instant on). For a due date from dueDateFor (a CST midnight),
 * `daysLeft(dueAt, now) < 0` exactly when `now >= dueAt`.
 */
export function daysLeft(dueAt: Date, now: Date): number {
  if (Number.isNaN(dueAt.getTime()) || Number.isNaN(now.getTime())) throw new RangeError('invalid Date');
  const lastDay = cstDayNumber(new Date(dueAt.getTime() - 1));
  return lastDay - cstDayNumber(now);
}

/** Whether the limit has been reached at `now`. */
export function isBreached(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}
