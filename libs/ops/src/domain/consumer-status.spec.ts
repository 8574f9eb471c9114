import { CommitObservation, evaluatePartitionStatus, trimToWindow, worstStatus } from './consumer-status';

const WINDOW = 30_000;
const NOW = 100_000;

/** Observations every 5 s ending at NOW, from (committed offset, lag) pairs. */
function window(points: [number | null, number][], owned = true): CommitObservation[] {
  return points.map(([committedOffset, lag], i) => ({ atMs: NOW - (points.length - 1 - i) * 5_000, committedOffset, lag, owned }));
}

describe('Burrow-style consumer status over a window', () => {
  it('is OK when the lag touched zero within the window', () => {
    const v = evaluatePartitionStatus(
      window([
        [10, 0],
        [10, 4],
        [10, 9],
        [10, 12],
        [10, 15],
        [10, 20],
        [10, 25],
      ]),
      WINDOW,
      NOW,
    );
    expect(v.status).toBe('OK');
  });

  it('is OK while committing and the lag goes down', () => {
    const v = evaluatePartitionStatus(
      window([
        [10, 50],
        [20, 45],
        [30, 47],
        [40, 30],
        [50, 20],
        [60, 10],
        [70, 5],
      ]),
      WINDOW,
      NOW,
    );
    expect(v).toEqual({ status: 'OK', reason: 'committing and keeping up' });
  });

  it('is WARNING when committing but the lag never falls and ends higher', () => {
    const v = evaluatePartitionStatus(
      window([
        [10, 5],
        [12, 5],
        [14, 8],
        [16, 8],
        [18, 12],
        [20, 15],
        [22, 30],
      ]),
      WINDOW,
      NOW,
    );
    expect(v.status).toBe('WARNING');
    expect(v.reason).toBe('lag grew from 5 to 30 over 30 s while committing');
  });

  it('is STALLED when the committed offset stands still with messages waiting and a consumer holds the partition', () => {
    const v = evaluatePartitionStatus(
      window([
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 4],
        [10, 4],
        [10, 4],
        [10, 7],
      ]),
      WINDOW,
      NOW,
    );
    expect(v.status).toBe('STALLED');
    expect(v.reason).toContain('stuck at 10');
  });

  it('is STOPPED when nothing was committed in the window, messages wait and no consumer holds the partition', () => {
    const v = evaluatePartitionStatus(
      window(
        [
          [10, 3],
          [10, 3],
          [10, 3],
          [10, 3],
          [10, 3],
          [10, 3],
          [10, 3],
        ],
        false,
      ),
      WINDOW,
      NOW,
    );
    expect(v.status).toBe('STOPPED');
  });

  it('is STOPPED for a group that never committed while messages wait', () => {
    const v = evaluatePartitionStatus(
      window(
        [
          [null, 8],
          [null, 8],
          [null, 8],
          [null, 8],
          [null, 8],
          [null, 8],
          [null, 8],
        ],
        false,
      ),
      WINDOW,
      NOW,
    );
    expect(v.status).toBe('STOPPED');
  });

  it('judges nothing but OK before the window is covered', () => {
    const young = window([
      [10, 3],
      [10, 3],
      [10, 3],
    ]); // 10 s of a 30 s window
    expect(evaluatePartitionStatus(young, WINDOW, NOW)).toEqual({ status: 'OK', reason: 'window not yet covered (20 s to go)' });
    expect(evaluatePartitionStatus([], WINDOW, NOW).status).toBe('OK');
  });

  it('counts a commit between the observation before the window and the first inside it', () => {
    const obs: CommitObservation[] = [
      { atMs: NOW - 31_000, committedOffset: 5, lag: 9, owned: true },
      { atMs: NOW - 20_000, committedOffset: 7, lag: 9, owned: true },
      { atMs: NOW, committedOffset: 7, lag: 8, owned: true },
    ];
    expect(evaluatePartitionStatus(obs, WINDOW, NOW).status).toBe('OK');
    // the zero lag before the window no longer counts
    const stalled: CommitObservation[] = [
      { atMs: NOW - 31_000, committedOffset: 7, lag: 0, owned: true },
      { atMs: NOW - 20_000, committedOffset: 7, lag: 2, owned: true },
      { atMs: NOW, committedOffset: 7, lag: 2, owned: true },
    ];
    expect(evaluatePartitionStatus(stalled, WINDOW, NOW).status).toBe('STALLED');
  });

  it('keeps every observation of the window and the last one before it', () => {
    const obs = [0, 10_000, 60_000, 69_000, 75_000, 100_000].map((atMs) => ({ atMs }));
    expect(trimToWindow(obs, WINDOW, NOW).map((o) => o.atMs)).toEqual([69_000, 75_000, 100_000]);
  });

  it('rates a group by its worst partition', () => {
    expect(worstStatus(['OK', 'WARNING', 'OK'])).toBe('WARNING');
    expect(worstStatus(['STALLED', 'STOPPED', 'WARNING'])).toBe('STOPPED');
    expect(worstStatus([])).toBe('OK');
  });
});
