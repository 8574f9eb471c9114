import { CommitObservation, completeShare, evaluatePartitionStatus, trimToWindow, worstStatus } from './consumer-status';

const WINDOW = 30_000;
const NOW = 100_000;

/** Observations every 5 s ending at NOW, from (committed offset, lag) pairs; seven cover the 30 s window exactly. */
function window(points: [number | null, number][], owned = true): CommitObservation[] {
  return points.map(([committedOffset, lag], i) => ({ atMs: NOW - (points.length - 1 - i) * 5_000, committedOffset, lag, owned }));
}

const statusOf = (points: [number | null, number][], owned = true) => evaluatePartitionStatus(window(points, owned), WINDOW, NOW);

describe('consumer status in Burrow’s evaluation order', () => {
  describe('before any rule', () => {
    it('is OK with no lag now, whatever the window held', () => {
      const v = statusOf([
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 0],
      ]);
      expect(v).toEqual({ status: 'OK', reason: 'caught up', complete: true });
    });

    it('judges nothing but OK before the window is covered (Burrow: incomplete)', () => {
      const young = statusOf([
        [10, 3],
        [10, 3],
        [10, 3],
      ]); // 10 s of a 30 s window
      expect(young).toEqual({ status: 'OK', reason: 'window not yet covered (20 s to go)', complete: false });
      expect(evaluatePartitionStatus([], WINDOW, NOW)).toMatchObject({ status: 'OK', complete: false });
    });
  });

  describe('rule 1: STOPPED', () => {
    it('is STOPPED when the offset did not move, messages wait and no consumer holds the partition', () => {
      const v = statusOf(
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
      );
      expect(v).toEqual({ status: 'STOPPED', reason: 'no commits for 30 s with 3 waiting; no consumer holds the partition', complete: true });
    });

    it('is STOPPED for a group that never committed while messages wait', () => {
      const v = statusOf(
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
      );
      expect(v.status).toBe('STOPPED');
    });

    it('is not STOPPED when the group was caught up within the window (Burrow’s recent-lag-zero check)', () => {
      const v = statusOf(
        [
          [10, 0],
          [10, 0],
          [10, 0],
          [10, 0],
          [10, 0],
          [10, 1],
          [10, 2],
        ],
        false,
      );
      expect(v).toMatchObject({ status: 'OK', reason: 'caught up within the window' });
    });

    it('is not STOPPED while commits are recent: the last member left within the window, after committing', () => {
      const v = statusOf(
        [
          [10, 20],
          [14, 18],
          [18, 15],
          [22, 13],
          [22, 14],
          [22, 15],
          [22, 16],
        ],
        false,
      );
      expect(v).toMatchObject({ status: 'OK', reason: 'committing and keeping up' });
    });
  });

  describe('rule 2: REWIND', () => {
    it('is REWIND when the committed offset went backwards and has not come back', () => {
      const v = statusOf([
        [100, 4],
        [104, 4],
        [108, 4],
        [60, 52],
        [70, 45],
        [80, 38],
        [90, 30],
      ]);
      expect(v).toEqual({ status: 'REWIND', reason: 'committed offset went back from 108 to 60 and has not returned', complete: true });
    });

    it('is REWIND even when the lag was zero earlier in the window (checked before the zero-lag rule)', () => {
      const v = statusOf([
        [100, 0],
        [100, 0],
        [100, 0],
        [0, 100],
        [10, 92],
        [20, 85],
        [30, 75],
      ]);
      expect(v.status).toBe('REWIND');
    });

    it('forgives a rewind the group has made up: rule 3 onwards judge it', () => {
      const v = statusOf([
        [100, 9],
        [104, 8],
        [98, 16],
        [106, 9],
        [110, 8],
        [115, 6],
        [120, 4],
      ]);
      expect(v).toEqual({ status: 'OK', reason: 'committing and keeping up', complete: true });
    });

    it('looks past a partition’s first commit (null) and sees a rewind across it', () => {
      const v = statusOf([
        [null, 9],
        [50, 9],
        [55, 9],
        [20, 44],
        [25, 41],
        [30, 39],
        [35, 37],
      ]);
      expect(v.status).toBe('REWIND');
    });
  });

  describe('rule 3: zero lag in the window', () => {
    it('is OK when the lag touched zero within the window, even with the offset standing still since', () => {
      const v = statusOf([
        [10, 0],
        [10, 4],
        [10, 9],
        [10, 12],
        [10, 15],
        [10, 20],
        [10, 25],
      ]);
      expect(v).toMatchObject({ status: 'OK', reason: 'caught up within the window' });
    });

    it('counts only zeros inside the window, not the anchor observation before it', () => {
      const stalled: CommitObservation[] = [
        { atMs: NOW - 31_000, committedOffset: 7, lag: 0, owned: true },
        { atMs: NOW - 20_000, committedOffset: 7, lag: 2, owned: true },
        { atMs: NOW, committedOffset: 7, lag: 2, owned: true },
      ];
      expect(evaluatePartitionStatus(stalled, WINDOW, NOW).status).toBe('STALLED');
    });
  });

  describe('rule 4: STALLED', () => {
    it('is STALLED when the committed offset stands still with messages waiting and a consumer holds the partition', () => {
      const v = statusOf([
        [10, 3],
        [10, 3],
        [10, 3],
        [10, 4],
        [10, 4],
        [10, 4],
        [10, 7],
      ]);
      expect(v).toEqual({ status: 'STALLED', reason: 'committed offset stuck at 10 for 30 s with 7 waiting; a consumer holds the partition', complete: true });
    });

    it('is STALLED for a held partition the group never committed on', () => {
      expect(
        statusOf([
          [null, 2],
          [null, 2],
          [null, 2],
          [null, 2],
          [null, 2],
          [null, 2],
          [null, 2],
        ]).reason,
      ).toBe('nothing committed for 30 s with 2 waiting; a consumer holds the partition');
    });

    it('counts a commit between the observation before the window and the first inside it', () => {
      const obs: CommitObservation[] = [
        { atMs: NOW - 31_000, committedOffset: 5, lag: 9, owned: true },
        { atMs: NOW - 20_000, committedOffset: 7, lag: 9, owned: true },
        { atMs: NOW, committedOffset: 7, lag: 8, owned: true },
      ];
      expect(evaluatePartitionStatus(obs, WINDOW, NOW).status).toBe('OK');
    });
  });

  describe('rule 5: WARNING', () => {
    it('is WARNING when committing but the lag never falls', () => {
      const v = statusOf([
        [10, 5],
        [12, 5],
        [14, 8],
        [16, 8],
        [18, 12],
        [20, 15],
        [22, 30],
      ]);
      expect(v).toEqual({ status: 'WARNING', reason: 'lag never fell (5 to 30) over 30 s while committing', complete: true });
    });

    it('is WARNING for a lag that holds steady while committing, as Burrow has it (never decreasing, not only rising)', () => {
      expect(
        statusOf([
          [10, 6],
          [12, 6],
          [14, 6],
          [16, 6],
          [18, 6],
          [20, 6],
          [22, 6],
        ]).status,
      ).toBe('WARNING');
    });

    it('is OK while committing and the lag falls somewhere in the window', () => {
      const v = statusOf([
        [10, 50],
        [20, 45],
        [30, 47],
        [40, 30],
        [50, 20],
        [60, 10],
        [70, 5],
      ]);
      expect(v).toEqual({ status: 'OK', reason: 'committing and keeping up', complete: true });
    });
  });

  describe('a group from its partitions', () => {
    it('takes the most severe status in Burrow’s order: REWIND, STALLED, STOPPED, WARNING, OK', () => {
      expect(worstStatus(['OK', 'WARNING', 'OK'])).toBe('WARNING');
      expect(worstStatus(['STOPPED', 'STALLED', 'WARNING'])).toBe('STALLED');
      expect(worstStatus(['STALLED', 'REWIND', 'STOPPED'])).toBe('REWIND');
      expect(worstStatus([])).toBe('OK');
    });

    it('is as complete as the share of its partitions whose window is covered', () => {
      expect(completeShare([{ complete: true }, { complete: false }, { complete: true }, { complete: true }])).toBe(0.75);
      expect(completeShare([])).toBe(0);
    });
  });

  it('keeps every observation of the window and the last one before it', () => {
    const obs = [0, 10_000, 60_000, 69_000, 75_000, 100_000].map((atMs) => ({ atMs }));
    expect(trimToWindow(obs, WINDOW, NOW).map((o) => o.atMs)).toEqual([69_000, 75_000, 100_000]);
  });
});
