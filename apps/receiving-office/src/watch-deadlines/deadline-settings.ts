import { DEFAULT_WARNING_DAYS_LEFT, warningPoints } from '../domain/deadline-alerts';

/** How the receiving office watches the 60-day limit. */
export interface DeadlineSettings {
  /** Real-time interval between scheduler ticks (ms); 0 = no timer (tests and the demo call tick()). */
  tickMs: number;
  /** Whole CST days left at which an application is warned, most first. */
  warningDaysLeft: number[];
  /** Alerts claimed per transaction. */
  batchSize: number;
}

export const DEADLINE_SETTINGS = Symbol('DeadlineSettings');

export const DEADLINE_DEFAULTS = { tickMs: 60_000, warningDaysLeft: DEFAULT_WARNING_DAYS_LEFT, batchSize: 500 } as const;

export interface DeadlineOptions {
  deadlineTickMs?: number;
  warningDaysLeft?: number[];
  deadlineBatchSize?: number;
}

/** The settings with defaults applied; throws naming a bad one. */
export function deadlineSettings(o: DeadlineOptions): DeadlineSettings {
  const tickMs = o.deadlineTickMs ?? DEADLINE_DEFAULTS.tickMs;
  if (!Number.isInteger(tickMs) || tickMs < 0) throw new RangeError(`deadlineTickMs must be a whole number of milliseconds (0 = no timer), not ${o.deadlineTickMs}`);
  const batchSize = o.deadlineBatchSize ?? DEADLINE_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`deadlineBatchSize must be a positive whole number, not ${o.deadlineBatchSize}`);
  return { tickMs, batchSize, warningDaysLeft: warningPoints(o.warningDaysLeft ?? DEADLINE_DEFAULTS.warningDaysLeft) };
}
