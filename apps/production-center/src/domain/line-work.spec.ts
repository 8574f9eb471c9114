import { LineWork } from './line-work';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 4) + ms);

describe('the work of the production line and the dispatcher', () => {
  it('looks at both on the first tick, for what was there before the start', () => {
    expect(new LineWork().due(at(0), false)).toEqual({ line: true, dispatch: true });
  });

  it('leaves an idle centre alone once a run found the queue empty and the dispatcher ran', () => {
    const work = new LineWork();
    work.lineRan(work.lineStarting(), 0, 50, null);
    work.dispatched(at(0));
    expect(work.due(at(100), false)).toEqual({ line: false, dispatch: false });
    expect(work.due(at(100), true)).toEqual({ line: true, dispatch: true });
  });

  it('runs the line once an order is queued, until a run takes fewer than it may', () => {
    const work = new LineWork();
    work.lineRan(work.lineStarting(), 0, 50, null);
    work.orderQueued();
    expect(work.due(at(0), false).line).toBe(true);
    work.lineRan(work.lineStarting(), 50, 50, at(300));
    expect(work.due(at(0), false).line).toBe(true);
    work.lineRan(work.lineStarting(), 3, 50, at(300));
    expect(work.due(at(0), false).line).toBe(false);
  });

  it('keeps the line running for an order queued while a run that could not see it was under way', () => {
    const work = new LineWork();
    const token = work.lineStarting();
    work.orderQueued();
    work.lineRan(token, 0, 50, null);
    expect(work.due(at(0), false).line).toBe(true);
  });

  it('dispatches once the cut-off of a packed card has come, and not before', () => {
    const work = new LineWork();
    work.dispatched(at(0));
    work.lineRan(work.lineStarting(), 2, 50, at(300));
    work.lineRan(work.lineStarting(), 1, 50, at(500));
    expect(work.due(at(299), false).dispatch).toBe(false);
    expect(work.due(at(300), false).dispatch).toBe(true);
    work.dispatched(at(300));
    expect(work.due(at(499), false).dispatch).toBe(false);
    expect(work.due(at(500), false).dispatch).toBe(true);
    work.dispatched(at(500));
    expect(work.due(at(10_000), false).dispatch).toBe(false);
  });

  it('keeps a cut-off that a dispatcher run began too early to see', () => {
    const work = new LineWork();
    work.lineRan(work.lineStarting(), 1, 50, at(300));
    work.dispatched(at(299));
    expect(work.due(at(300), false).dispatch).toBe(true);
  });

  it('notes no cut-off for a run that packed nothing', () => {
    const work = new LineWork();
    work.dispatched(at(0));
    work.lineRan(work.lineStarting(), 0, 50, at(300));
    expect(work.due(at(1000), false).dispatch).toBe(false);
  });
});
