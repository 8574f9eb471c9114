import { AdjustableClock, FixedClock } from './clock';

describe('clocks', () => {
  it('moves an adjustable clock forward by whole days and refuses to go back', () => {
    const clock = new AdjustableClock();
    const before = clock.now().getTime();
    clock.advanceDays(61);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(61 * 86_400_000);
    expect(() => clock.advance(-1)).toThrow('forward');
  });

  it('keeps a fixed clock still until it is moved', () => {
    const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
});
