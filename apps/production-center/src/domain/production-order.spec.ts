import { IllegalOrderTransition } from './errors';
import { PRODUCTION_ORDER_STATES, transition } from './production-order';

describe('production order states', () => {
  it('takes an order in as queued or forwarded, and makes a queued one produced', () => {
    expect(transition(null, 'queued')).toBe('queued');
    expect(transition(null, 'forwarded')).toBe('forwarded');
    expect(transition('queued', 'produced')).toBe('produced');
  });

  it('refuses every other change, produced and forwarded being final', () => {
    expect(() => transition(null, 'produced')).toThrow('an order this centre has not received cannot become produced');
    expect(() => transition('queued', 'forwarded')).toThrow('an order that is queued cannot become forwarded');
    for (const to of PRODUCTION_ORDER_STATES) {
      expect(() => transition('produced', to)).toThrow(IllegalOrderTransition);
      expect(() => transition('forwarded', to)).toThrow(IllegalOrderTransition);
    }
  });

  it('names the state it refused from, as a conflict with a stable code', () => {
    const err = (() => {
      try {
        transition('produced', 'queued');
      } catch (e) {
        return e as IllegalOrderTransition;
      }
    })();
    expect(err).toMatchObject({ code: 'ILLEGAL_ORDER_TRANSITION', kind: 'conflict', details: { state: 'produced' } });
  });
});
