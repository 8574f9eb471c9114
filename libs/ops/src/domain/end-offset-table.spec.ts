import { EndOffsetTable } from './end-offset-table';

describe('time lag from a table of end offsets', () => {
  it('is zero when the group has consumed up to the end', () => {
    const table = new EndOffsetTable();
    table.record(1_000, 10);
    expect(table.timeLag(10, 5_000)).toEqual({ seconds: 0, method: 'caught-up' });
  });

  it('interpolates when the end offset passed the committed offset between two samples', () => {
    const table = new EndOffsetTable();
    table.record(0, 100);
    table.record(10_000, 100); // still 100 ten seconds later
    table.record(20_000, 200); // 100 messages written between 10 s and 20 s
    // offset 150 was written when the end reached 151: 10 s + 51% of 10 s
    expect(table.timeLag(150, 30_000)).toEqual({ seconds: 30 - 15.1, method: 'interpolated' });
  });

  it('places a burst after the last sample that did not see it', () => {
    const table = new EndOffsetTable();
    for (let t = 0; t <= 9_000; t += 1_000) table.record(t, 5);
    table.record(10_000, 10); // five messages arrived between 9 s and 10 s
    const lag = table.timeLag(5, 12_000)!;
    expect(lag.method).toBe('interpolated');
    expect(lag.seconds).toBeCloseTo(12 - 9.2, 5);
  });

  it('extrapolates from the average write rate when the committed offset is older than the table', () => {
    const table = new EndOffsetTable();
    table.record(100_000, 1_000);
    table.record(110_000, 1_100); // 10 messages a second
    // offset 899 was written when the end reached 900: 100 messages, 10 s, before the first row
    expect(table.timeLag(899, 110_000)).toEqual({ seconds: 20, method: 'extrapolated' });
  });

  it('says at least as old as the only sample when there is nothing to interpolate', () => {
    const table = new EndOffsetTable();
    table.record(100_000, 50);
    expect(table.timeLag(10, 103_000)).toEqual({ seconds: 3, method: 'lower-bound' });
    expect(new EndOffsetTable().timeLag(0, 1)).toBeNull();
  });

  it('forgets rows below every committed offset but keeps the one the crossing is measured from', () => {
    const table = new EndOffsetTable();
    [10, 20, 30, 40].forEach((offset, i) => table.record(i * 1_000, offset));
    table.forgetBelow(25);
    expect(table.rows().map((r) => r.offset)).toEqual([20, 30, 40]);
    expect(table.timeLag(25, 4_000)!.method).toBe('interpolated');
  });

  it('stays within its capacity by thinning old rows, keeping the oldest', () => {
    const table = new EndOffsetTable(8);
    for (let i = 0; i < 100; i++) table.record(i * 1_000, i * 10);
    expect(table.rows().length).toBeLessThanOrEqual(8);
    expect(table.rows()[0].offset).toBe(0);
    expect(table.timeLag(5, 100_000)!.seconds).toBeGreaterThan(90);
  });

  it('starts over when the end offset goes back (the topic was made again)', () => {
    const table = new EndOffsetTable();
    table.record(0, 500);
    table.record(1_000, 3);
    expect(table.rows()).toEqual([{ offset: 3, firstSeenMs: 1_000, lastSeenMs: 1_000 }]);
  });
});
