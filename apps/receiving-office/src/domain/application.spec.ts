import { IllegalTransition } from '@idcard/contracts';
import { canTransition, FINAL_STATUSES, transition } from './application';

describe('the status machine as the receiving office walks it', () => {
  it('goes from submitted straight to signed off or rejected, past the review it does not see', () => {
    expect(transition('submitted', 'signed_off')).toBe('signed_off');
    expect(transition('submitted', 'rejected')).toBe('rejected');
  });

  it('follows the shared machine one step at a time after the sign-off', () => {
    expect(transition('signed_off', 'in_production')).toBe('in_production');
    expect(transition('in_production', 'shipped')).toBe('shipped');
    expect(transition('shipped', 'arrived')).toBe('arrived');
    expect(transition('arrived', 'handed_over')).toBe('handed_over');
  });

  it('skips nothing the office does see', () => {
    expect(canTransition('submitted', 'in_production')).toBe(false);
    expect(canTransition('in_production', 'arrived')).toBe(false);
    expect(canTransition('shipped', 'handed_over')).toBe(false);
    expect(() => transition('rejected', 'signed_off')).toThrow(IllegalTransition);
    expect(() => transition('handed_over', 'arrived')).toThrow(IllegalTransition);
  });

  it('ends with a rejection or a handover', () => {
    expect(FINAL_STATUSES).toEqual(['rejected', 'handed_over']);
  });
});
