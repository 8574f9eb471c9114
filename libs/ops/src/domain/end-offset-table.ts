/**
 * Time lag without reading messages, the way Lightbend's kafka-lag-exporter estimates it: keep a table of
 * (time, log end offset) samples per partition; the oldest message a group has not consumed sits at its committed
 * offset, and it was written when the end offset passed that offset, so the time it was written is read off the
 * table by linear interpolation between the two samples either side. When the committed offset is older than the
 * table, the time is extrapolated back from the table's average write rate (first to last sample), and with a
 * single sample it is at least as old as that sample (a lower bound).
 *
 * A sample only adds a row when the end offset has moved; a row remembers when its offset was first and last
 * seen, so the crossing is placed between the last sample before it and the first sample after it.
 */

/** One log end offset and when it was first and last seen as the end of the log. */
export interface EndOffsetPoint {
  offset: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

export type TimeLagMethod = 'caught-up' | 'interpolated' | 'extrapolated' | 'lower-bound';

export interface TimeLag {
  /** Age of the oldest unconsumed message, in seconds. */
  seconds: number;
  method: TimeLagMethod;
}

/** Rows kept per partition before the older half is thinned: bounded memory, coarser age for old backlogs. */
export const DEFAULT_TABLE_CAPACITY = 360;

export class EndOffsetTable {
  private points: EndOffsetPoint[] = [];

  constructor(private readonly capacity = DEFAULT_TABLE_CAPACITY) {
    if (capacity < 4) throw new RangeError('an end offset table needs room for at least 4 rows');
  }

  /** Adds a sample of the log end offset taken at `atMs`. */
  record(atMs: number, endOffset: number): void {
    const last = this.points[this.points.length - 1];
    if (last && endOffset === last.offset) {
      last.lastSeenMs = Math.max(last.lastSeenMs, atMs);
      return;
    }
    // An end offset going back means the topic was deleted and made again: the old rows describe another log.
    if (last && endOffset < last.offset) this.points = [];
    this.points.push({ offset: endOffset, firstSeenMs: atMs, lastSeenMs: atMs });
    if (this.points.length > this.capacity) this.thinOlderHalf();
  }

  /** Forgets rows no group needs: those before the last row at or below the lowest committed offset. */
  forgetBelow(lowestCommittedOffset: number): void {
    let keepFrom = 0;
    for (let i = 0; i < this.points.length && this.points[i].offset <= lowestCommittedOffset; i++) keepFrom = i;
    if (keepFrom > 0) this.points.splice(0, keepFrom);
  }

  rows(): readonly EndOffsetPoint[] {
    return this.points;
  }

  /** Age at `nowMs` of the message at `committedOffset` (the oldest one the group has not consumed); null before any sample. */
  timeLag(committedOffset: number, nowMs: number): TimeLag | null {
    const points = this.points;
    if (points.length === 0) return null;
    const first = points[0];
    const last = points[points.length - 1];
    if (committedOffset >= last.offset) return { seconds: 0, method: 'caught-up' };
    // The message at the committed offset existed once the end offset reached committedOffset + 1.
    const target = committedOffset + 1;
    const after = points.findIndex((p) => p.offset >= target);
    let writtenAtMs: number;
    let method: TimeLagMethod;
    if (after > 0) {
      const before = points[after - 1];
      const next = points[after];
      const fraction = (target - before.offset) / (next.offset - before.offset);
      writtenAtMs = before.lastSeenMs + fraction * (next.firstSeenMs - before.lastSeenMs);
      method = 'interpolated';
    } else if (points.length >= 2 && last.firstSeenMs > first.firstSeenMs) {
      const offsetsPerMs = (last.offset - first.offset) / (last.firstSeenMs - first.firstSeenMs);
      writtenAtMs = first.firstSeenMs - (first.offset - target) / offsetsPerMs;
      method = 'extrapolated';
    } else {
      writtenAtMs = first.firstSeenMs;
      method = 'lower-bound';
    }
    return { seconds: Math.max(0, (nowMs - writtenAtMs) / 1000), method };
  }

  /** Halves the resolution of the older half, always keeping the oldest row: a long backlog keeps an approximate age. */
  private thinOlderHalf(): void {
    const half = Math.floor(this.points.length / 2);
    const older = this.points.slice(0, half).filter((_, i) => i % 2 === 0);
    this.points = [...older, ...this.points.slice(half)];
  }
}
