import { isCalendarDate } from './calendar-date';
import { cstDate } from './china-standard-time';
import { isTimestamp } from './timestamp';

describe('dates and instants on the wire', () => {
  it('accept calendar dates that exist, as YYYY-MM-DD', () => {
    expect(['2024-02-29', '1900-01-01', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', 20260101].some(isCalendarDate)).toBe(false);
  });

  it('accept instants only with a time to the second and an explicit offset', () => {
    expect(['2026-11-22T08:00:00Z', '2026-11-22T08:00:00.123Z', '2026-11-01T08:00:00+08:00'].every(isTimestamp)).toBe(true);
    expect(
      ['2026-11-22', '2026-11-22T08:00:00', '2026-11-22T08:00Z', '2026-02-30T08:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22 08:00:00Z'].some(isTimestamp),
    ).toBe(false);
  });

  it('give the CST calendar date of an instant', () => {
    expect(cstDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(cstDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
});
