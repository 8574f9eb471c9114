import { escalationAction, replacesKept } from './escalation';

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

  it('keeps the most severe report: a late warning does not undo a breach', () => {
    expect(replacesKept(1, null)).toBe(true);
    expect(replacesKept(2, 1)).toBe(true);
    expect(replacesKept(1, 1)).toBe(true);
    expect(replacesKept(1, 2)).toBe(false);
  });
});
