import { fetchWaitFor, IDLE_FETCHES_PER_SECOND, LAG_SAMPLES_PER_SECOND, lagSampleIntervalFor } from './fetch-wait';

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

describe('lagSampleIntervalFor', () => {
  it('keeps a service’s own 2 s where the services are few (three provinces: 9)', () => {
    expect(lagSampleIntervalFor(9)).toBe(2000);
    expect(lagSampleIntervalFor(20)).toBe(2000);
  });

  it('lengthens it so that 93 services sample within the broker’s budget, several samples to the 60 s lag window', () => {
    const interval = lagSampleIntervalFor(93);
    expect(interval).toBe(9300);
    expect((93 * 1000) / interval).toBeLessThanOrEqual(LAG_SAMPLES_PER_SECOND);
    expect(60_000 / interval).toBeGreaterThanOrEqual(6);
  });
});
