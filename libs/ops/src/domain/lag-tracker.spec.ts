import { ClusterObservation, LagTracker } from './lag-tracker';

const owner = { memberId: 'm-1', clientId: 'registry-office-44', host: '/127.0.0.1' };

function observe(atMs: number, committedOffset: number | null, endOffset: number, owned = true): ClusterObservation {
  return {
    atMs,
    groups: [
      {
        groupId: 'idcard-registry-office-44',
        state: owned ? 'Stable' : 'Empty',
        members: owned ? 1 : 0,
        partitions: [{ topic: 'idcard.registry.44.applications', partition: 0, committedOffset, endOffset, logStartOffset: 0, owner: owned ? owner : null }],
      },
    ],
  };
}

describe('lag tracker', () => {
  it('reports lag, time lag and status per partition and per group', () => {
    const tracker = new LagTracker({ windowMs: 10_000 });
    tracker.ingest(observe(0, 20, 20));
    tracker.ingest(observe(2_000, 20, 20));
    tracker.ingest(observe(4_000, 20, 30)); // 10 written between 2 s and 4 s; the consumer is stuck
    for (let t = 6_000; t <= 16_000; t += 2_000) tracker.ingest(observe(t, 20, 30));
    const report = tracker.report(16_000);
    const [group] = report.groups;
    expect(group).toMatchObject({
      groupId: 'idcard-registry-office-44',
      owner: { service: 'registry-office', province: '44' },
      lag: 10,
      status: 'STALLED',
      members: 1,
    });
    const [p] = group.partitions;
    expect(p).toMatchObject({ committedOffset: 20, endOffset: 30, lag: 10, lagSecondsMethod: 'interpolated', status: 'STALLED' });
    expect(p.lagSeconds).toBeCloseTo(16 - 2.2, 5);
  });

  it('counts everything in the log as lag for a group that has committed nothing', () => {
    const tracker = new LagTracker({ windowMs: 10_000 });
    tracker.ingest(observe(0, null, 7, false));
    expect(tracker.report().groups[0].lag).toBe(7);
  });

  it('forgets groups that are gone', () => {
    const tracker = new LagTracker({ windowMs: 10_000 });
    tracker.ingest(observe(0, 1, 2));
    tracker.ingest({ atMs: 1_000, groups: [] });
    expect(tracker.report().groups).toEqual([]);
  });
});
