import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from './clock';

/**
 * Real time plus an offset kept in a file, for a development system of many processes whose time one driver moves
 * forward (the chaos drill runs every service as a process of its own; CLOCK_OFFSET_FILE): each process reads the
 * file at most every `refreshMs`, the driver advances it. The offset never goes back. Never in production.
 */
export class SharedOffsetClock implements Clock {
  private offsetMs = 0;
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly file: string,
    private readonly refreshMs = 200,
  ) {}

  now(): Date {
    const real = Date.now();
    if (real - this.readAt >= this.refreshMs) {
      this.readAt = real;
      this.offsetMs = Math.max(this.offsetMs, readOffset(this.file));
    }
    return new Date(real + this.offsetMs);
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('time only moves forward');
    const next = Math.max(this.offsetMs, readOffset(this.file)) + ms;
    // Written whole and renamed into place: a reader never sees half a number.
    writeFileSync(`${this.file}.next`, String(next));
    renameSync(`${this.file}.next`, this.file);
    this.offsetMs = next;
    this.readAt = Date.now();
  }

  advanceDays(days: number): void {
    this.advance(days * 24 * 60 * 60 * 1000);
  }
}

/** The offset in the file; 0 while there is none. */
function readOffset(file: string): number {
  try {
    const value = Number(readFileSync(file, 'utf8'));
    return Number.isFinite(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}
