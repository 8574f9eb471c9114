import { daysLeft, dueDateFor } from '@idcard/contracts';
import { alertOutcome, alertSchedule, DeadlineAlertKind, deadlineStateAfter, deadlineStepOf, warningDaysLeftOf, warningPoints } from './deadline-alerts';

const HOUR = 3_600_000;

describe('deadline alert schedule', () => {
  // 2026-03-01 15:30 CST: due 2026-05-01T00:00+08:00, last day 30 April.
  const acceptedAt = new Date('2026-03-01T15:30:00+08:00');
  const dueAt = dueDateFor(acceptedAt);

  it('warns at 00:00 CST of the day with 15 and 5 days left, and breaches at the due instant', () => {
    expect(alertSchedule(acceptedAt, dueAt).map((a) => [a.kind, a.fireAt.toISOString()])).toEqual([
      ['warning_15d', new Date('2026-04-15T00:00:00+08:00').toISOString()],
      ['warning_5d', new Date('2026-04-25T00:00:00+08:00').toISOString()],
      ['breach', new Date('2026-05-01T00:00:00+08:00').toISOString()],
    ]);
  });

  it('fires each warning at the first instant daysLeft equals its point, not an hour earlier', () => {
    for (const alert of alertSchedule(acceptedAt, dueAt, [30, 15, 5, 0])) {
      const point = warningDaysLeftOf(alert.kind);
      if (point === null) {
        expect(daysLeft(dueAt, alert.fireAt)).toBe(-1);
        expect(daysLeft(dueAt, new Date(alert.fireAt.getTime() - 1))).toBe(0);
      } else {
        expect(daysLeft(dueAt, alert.fireAt)).toBe(point);
        expect(daysLeft(dueAt, new Date(alert.fireAt.getTime() - HOUR))).toBe(point + 1);
      }
    }
  });

  it('orders the points, and refuses points outside 0..59 or twice', () => {
    expect(warningPoints([5, 15])).toEqual([15, 5]);
    expect(warningPoints([0, 59, 30])).toEqual([59, 30, 0]);
    expect(() => warningPoints([60])).toThrow(RangeError);
    expect(() => warningPoints([-1])).toThrow(RangeError);
    expect(() => warningPoints([2.5])).toThrow(RangeError);
    expect(() => warningPoints([5, 5])).toThrow(RangeError);
  });

  // The operator reads these in the settings problem of DEADLINE_WARNING_DAYS_LEFT (config.ts).
  it('tells the operator which point is wrong and what is allowed', () => {
    expect(() => warningPoints([15, 60])).toThrow('a warning point must be a whole number of days left from 0 to 59, not 60');
    expect(() => warningPoints([15, 5, 15])).toThrow('warning points must differ, got 15, 5, 15');
  });

  it('leaves out nothing for a point of 59 days: it fires the day after acceptance', () => {
    const late = new Date('2026-03-01T23:59:00+08:00');
    expect(alertSchedule(late, dueDateFor(late), [59]).map((a) => a.fireAt.toISOString())).toEqual([
      new Date('2026-03-02T00:00:00+08:00').toISOString(),
      new Date('2026-05-01T00:00:00+08:00').toISOString(),
    ]);
  });

  it('leaves out a warning that would fire at or before acceptance, when the due date is nearer than its point', () => {
    // Due 16 days after an acceptance at 00:00 CST: the 15-day warning would fire at the very instant of acceptance.
    const midnight = new Date('2026-03-01T00:00:00+08:00');
    const near = new Date(midnight.getTime() + 16 * 24 * HOUR);
    expect(alertSchedule(midnight, near, [30, 15, 5]).map((a) => a.kind)).toEqual(['warning_5d', 'breach']);
    expect(alertSchedule(new Date(midnight.getTime() - 1), near, [30, 15, 5]).map((a) => a.kind)).toEqual(['warning_15d', 'warning_5d', 'breach']);
  });

  it('reads the days left back from a warning kind stored with the alert, and nothing from anything else', () => {
    expect(warningDaysLeftOf('warning_15d')).toBe(15);
    expect(warningDaysLeftOf('warning_0d')).toBe(0);
    expect(warningDaysLeftOf('breach')).toBeNull();
    for (const notAKind of ['deadline_warning_15d', 'warning_15days', 'warning_d', 'warning_100d', 'warning_xd']) {
      expect(warningDaysLeftOf(notAKind as DeadlineAlertKind)).toBeNull();
    }
  });

  it('names the timeline steps', () => {
    expect(deadlineStepOf('warning_15d')).toBe('deadline_warning_15d');
    expect(deadlineStepOf('breach')).toBe('deadline_breached');
  });
});

describe('what the scheduler does with a claimed alert', () => {
  it('emits for an unfinished application', () => {
    expect(alertOutcome('warning_15d', 'submitted', false)).toEqual({ action: 'emit' });
    expect(alertOutcome('breach', 'shipped', true)).toEqual({ action: 'emit' });
  });

  it('never warns or breaches a completed application', () => {
    expect(alertOutcome('breach', 'handed_over', false)).toEqual({ action: 'cancel', because: 'completed' });
    expect(alertOutcome('warning_5d', 'rejected', false)).toEqual({ action: 'cancel', because: 'completed' });
  });

  it('sends only the most urgent of alerts that fell due together (after downtime)', () => {
    expect(alertOutcome('warning_15d', 'in_production', true)).toEqual({ action: 'cancel', because: 'superseded' });
  });
});

describe('the escalation an alert leaves on its application', () => {
  it('warns, breaches, and never goes back from breached to warned', () => {
    expect(deadlineStateAfter(null, 'warning_15d')).toBe('warned');
    expect(deadlineStateAfter('warned', 'warning_5d')).toBe('warned');
    expect(deadlineStateAfter('warned', 'breach')).toBe('breached');
    expect(deadlineStateAfter('breached', 'warning_5d')).toBe('breached');
  });
});
