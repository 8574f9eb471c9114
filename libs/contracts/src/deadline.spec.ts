import { cstDate } from './china-standard-time';
import { daysLeft, DEADLINE_DAYS, dueDateFor, isBreached } from './deadline';

describe('the 60-day limit in China Standard Time', () => {
  it('is 60 days', () => {
    expect(DEADLINE_DAYS).toBe(60);
  });

  it('is due at the end of the 60th CST calendar day after the day of acceptance', () => {
    // 23:30 CST on 1 March; UTC still says 15:30 on 1 March.
    const accepted = new Date('2026-03-01T15:30:00Z');
    expect(dueDateFor(accepted).toISOString()).toBe('2026-04-30T16:00:00.000Z'); // 00:00 CST, 1 May
    expect(cstDate(new Date(dueDateFor(accepted).getTime() - 1))).toBe('2026-04-30'); // the last day
  });

  it('moves by a day when acceptance crosses CST midnight (16:00 UTC), not UTC midnight', () => {
    expect(dueDateFor(new Date('2026-03-01T15:59:59.999Z')).toISOString()).toBe('2026-04-30T16:00:00.000Z'); // 23:59:59.999 CST, 1 March
    expect(dueDateFor(new Date('2026-03-01T16:00:00.000Z')).toISOString()).toBe('2026-05-01T16:00:00.000Z'); // 00:00 CST, 2 March
    expect(dueDateFor(new Date('2026-03-01T23:30:00.000Z')).toISOString()).toBe('2026-05-01T16:00:00.000Z'); // 07:30 CST, 2 March
    expect(dueDateFor(new Date('2026-03-02T00:30:00.000Z')).toISOString()).toBe('2026-05-01T16:00:00.000Z'); // 08:30 CST, 2 March
  });

  it.each([
    ['31 January, through a 28-day February', '2026-01-31T02:00:00Z', '2026-04-01'],
    ['31 December, across the year end', '2026-12-31T02:00:00Z', '2027-03-01'],
    ['31 December before a leap year, through 29 February', '2027-12-31T02:00:00Z', '2028-02-29'],
    ['30 April, through two 31-day months', '2026-04-30T02:00:00Z', '2026-06-29'],
  ])('counts calendar days from %s', (_what, accepted, lastDay) => {
    const due = dueDateFor(new Date(accepted));
    expect(cstDate(new Date(due.getTime() - 1))).toBe(lastDay);
    expect(cstDate(due)).not.toBe(lastDay);
    expect(due.toISOString().slice(11)).toBe('16:00:00.000Z'); // always a CST midnight
  });

  it('refuses an invalid Date', () => {
    expect(() => dueDateFor(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('days left', () => {
  const accepted = new Date('2026-03-01T15:30:00Z'); // 23:30 CST, 1 March
  const due = dueDateFor(accepted);

  it('is 60 on the day of acceptance and counts CST calendar days, not 24-hour spans', () => {
    expect(daysLeft(due, accepted)).toBe(60);
    expect(daysLeft(due, new Date('2026-03-01T16:30:00Z'))).toBe(59); // an hour later, 00:30 CST on 2 March
  });

  it('is 0 all through the last day and -1 from the due instant on, when the limit is breached', () => {
    expect(daysLeft(due, new Date('2026-04-29T16:00:00Z'))).toBe(0); // 00:00 CST, 30 April
    expect(daysLeft(due, new Date('2026-04-30T15:59:59.999Z'))).toBe(0);
    expect(isBreached(due, new Date('2026-04-30T15:59:59.999Z'))).toBe(false);
    expect(daysLeft(due, due)).toBe(-1);
    expect(isBreached(due, due)).toBe(true);
    expect(daysLeft(due, new Date('2026-05-10T04:00:00Z'))).toBe(-10);
  });

  it('is negative exactly when the limit is breached, hour by hour over the days around the due date', () => {
    for (let h = -72; h <= 72; h++) {
      const now = new Date(due.getTime() + h * 3_600_000);
      expect(daysLeft(due, now) < 0).toBe(isBreached(due, now));
    }
  });
});
