import { retryWhileUnavailable } from './retry-while-unavailable';

const unavailable = () => Object.assign(new Error('timeout exceeded when trying to connect'), {});
const refused = () => Object.assign(new Error('new row violates check constraint'), { code: '23514' });

/** A clock that only moves when the policy sleeps: the waits are recorded, none is real. */
function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)) };
}

describe('retryWhileUnavailable', () => {
  it('returns after the first success, without waiting', async () => {
    const time = fakeTime();
    expect(await retryWhileUnavailable(async () => undefined, { patienceMs: 1000, ...time })).toEqual({ ok: true, attempts: 1 });
    expect(time.waits).toEqual([]);
  });

  it('tries again while the database is unavailable, backing off from 50 ms and doubling to the cap', async () => {
    const time = fakeTime();
    let calls = 0;
    const outcome = await retryWhileUnavailable(
      async () => {
        if (++calls < 7) throw unavailable();
      },
      { patienceMs: 60_000, maxDelayMs: 1000, ...time },
    );
    expect(outcome).toEqual({ ok: true, attempts: 7 });
    expect(time.waits).toEqual([50, 100, 200, 400, 800, 1000]);
  });

  it('gives up once its patience is spent, the last wait cut to what was left', async () => {
    const time = fakeTime();
    const outcome = await retryWhileUnavailable(
      async () => {
        throw unavailable();
      },
      { patienceMs: 300, ...time },
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 4, unavailable: true, error: { message: /timeout exceeded/ } });
    expect(time.waits).toEqual([50, 100, 150]);
  });

  it('does not try again a failure that is not an outage', async () => {
    const time = fakeTime();
    let calls = 0;
    const outcome = await retryWhileUnavailable(
      async () => {
        calls++;
        throw refused();
      },
      { patienceMs: 60_000, ...time },
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 1, unavailable: false });
    expect(calls).toBe(1);
    expect(time.waits).toEqual([]);
  });
});
