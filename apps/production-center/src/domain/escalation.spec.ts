import { MessageType } from '@idcard/contracts';
import { deadlineReport, escalationAction, replacesKept } from './escalation';

describe('deadline escalation of an order', () => {
  it('expedites a queued order, passes a forwarded one on, keeps one not yet received', () => {
    expect(escalationAction('queued', false)).toBe('expedite');
    expect(escalationAction('forwarded', false)).toBe('pass-on');
    expect(escalationAction(null, false)).toBe('keep');
  });

  it('sends an open shipment holding a produced card on at once; a shipped card needs nothing', () => {
    expect(escalationAction('produced', true)).toBe('ship-at-once');
    expect(escalationAction('produced', false)).toBe('already-shipped');
  });

  it('ranks a breach above a warning', () => {
    const payload = { receiptNumber: 'R44-20260301-000001', dueAt: '2026-04-30T16:00:00.000Z', daysLeft: 5, status: 'in_production' as const };
    expect(deadlineReport(MessageType.DeadlineWarning, payload)).toEqual({ escalation: 1, type: MessageType.DeadlineWarning, payload });
    expect(deadlineReport(MessageType.DeadlineBreached, { ...payload, daysLeft: -1 })).toMatchObject({ escalation: 2 });
  });

  it('keeps the most severe report: a late warning does not undo a breach', () => {
    expect(replacesKept(1, null)).toBe(true);
    expect(replacesKept(2, 1)).toBe(true);
    expect(replacesKept(1, 1)).toBe(true);
    expect(replacesKept(1, 2)).toBe(false);
  });
});
