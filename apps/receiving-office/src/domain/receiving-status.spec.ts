import { IllegalTransition } from '@idcard/contracts';
import { canMoveOn, moveOn } from './receiving-status';

describe('the status machine as the receiving office walks it', () => {
  it('goes from submitted straight to signed off or rejected, past the review it does not see', () => {
    expect(moveOn('submitted', 'signed_off')).toBe('signed_off');
    expect(moveOn('submitted', 'rejected')).toBe('rejected');
  });

  it('follows the shared machine one step at a time after the sign-off', () => {
    expect(moveOn('signed_off', 'in_production')).toBe('in_production');
    expect(moveOn('in_production', 'shipped')).toBe('shipped');
    expect(moveOn('shipped', 'arrived')).toBe('arrived');
    expect(moveOn('arrived', 'handed_over')).toBe('handed_over');
  });

  it('skips nothing the office does see', () => {
    expect(canMoveOn('submitted', 'in_production')).toBe(false);
    expect(canMoveOn('in_production', 'arrived')).toBe(false);
    expect(canMoveOn('shipped', 'handed_over')).toBe(false);
    expect(() => moveOn('rejected', 'signed_off')).toThrow(IllegalTransition);
    expect(() => moveOn('handed_over', 'arrived')).toThrow(IllegalTransition);
  });
});
