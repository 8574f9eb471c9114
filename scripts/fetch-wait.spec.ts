import { fetchWaitFor, IDLE_FETCHES_PER_SECOND } from './fetch-wait';

describe('fetchWaitFor', () => {
  it('keeps the wait asked for where the consumers are few (three provinces: 18 consumers)', () => {
    expect(fetchWaitFor(100, 9)).toBe(100);
    expect(fetchWaitFor(250, 9)).toBe(250);
  });

  it('lengthens it so that 93 services’ idle consumers stay within the broker’s budget of empty fetches', () => {
    const wait = fetchWaitFor(100, 93)!;
    expect(wait).toBe(465);
    expect((93 * 2 * 1000) / wait).toBeLessThanOrEqual(IDLE_FETCHES_PER_SECOND);
  });

  it('leaves a service its own default when nothing was asked', () => {
    expect(fetchWaitFor(undefined, 93)).toBeUndefined();
  });
});
