import { ApplicationStatus, DAY_MS, DEADLINE_DAYS } from '@idcard/contracts';
import { FINAL_STATUSES } from './application';
import type { DeadlineState } from './deadline-report';

/** A warning N whole CST days before the last day (`warning_15d`), or the breach once the limit is over. */
export type DeadlineAlertKind = `warning_${number}d` | 'breach';

/** What the deadline scheduler will fire for one application, and when. */
export interface ScheduledAlert {
  kind: DeadlineAlertKind;
  fireAt: Date;
}

/** The timeline step a fired alert leaves on the application: `deadline_warning_15d`, `deadline_breached`. */
export type DeadlineStep = `deadline_warning_${number}d` | 'deadline_breached';

export const DEFAULT_WARNING_DAYS_LEFT: readonly number[] = [15, 5];

/** The warning points of a deployment, checked: whole days from 0 (the last day) to 59, each once, most days first. */
export function warningPoints(daysLeft: readonly number[]): number[] {
  for (const d of daysLeft) {
    if (!Number.isInteger(d) || d < 0 || d >= DEADLINE_DAYS)
      throw new RangeError(`a warning point must be a whole number of days left from 0 to ${DEADLINE_DAYS - 1}, not ${d}`);
  }
  if (new Set(daysLeft).size !== daysLeft.length) throw new RangeError(`warning points must differ, got ${daysLeft.join(', ')}`);
  return [...daysLeft].sort((a, b) => b - a);
}

function warningKind(daysLeft: number): DeadlineAlertKind {
  return `warning_${daysLeft}d`;
}

/** Days left of a warning kind, or null for the breach. */
export function warningDaysLeftOf(kind: DeadlineAlertKind): number | null {
  const m = /^warning_(\d{1,2})d$/.exec(kind);
  return m ? Number(m[1]) : null;
}

/**
 * The alerts of an application due at `dueAt` (from dueDateFor, a CST midnight): a warning at 00:00 CST of the day
 * on which `daysLeft(dueAt, now)` first equals each warning point, and the breach at `dueAt` itself. A warning
 * that would fire at or before acceptance is left out (a point of 59 days fires the next day, so none is).
 */
export function alertSchedule(acceptedAt: Date, dueAt: Date, warningDaysLeft: readonly number[] = DEFAULT_WARNING_DAYS_LEFT): ScheduledAlert[] {
  const warnings = warningPoints(warningDaysLeft)
    .map((d) => ({ kind: warningKind(d), fireAt: new Date(dueAt.getTime() - (d + 1) * DAY_MS) }))
    .filter((w) => w.fireAt.getTime() > acceptedAt.getTime());
  return [...warnings, { kind: 'breach', fireAt: new Date(dueAt.getTime()) }];
}

export function deadlineStepOf(kind: DeadlineAlertKind): DeadlineStep {
  return kind === 'breach' ? 'deadline_breached' : (`deadline_${kind}` as DeadlineStep);
}

/** What the scheduler does with an alert it claimed. */
export type AlertOutcome =
  | { action: 'emit' }
  /** The application was completed (a completion normally cancels its alerts; this is the belt to those braces). */
  | { action: 'cancel'; because: 'completed' }
  /** A later, more urgent alert of the same application is due too (after downtime): only that one is sent. */
  | { action: 'cancel'; because: 'superseded' };

export function alertOutcome(kind: DeadlineAlertKind, status: ApplicationStatus, laterAlertAlsoDue: boolean): AlertOutcome {
  if (FINAL_STATUSES.includes(status)) return { action: 'cancel', because: 'completed' };
  if (kind !== 'breach' && laterAlertAlsoDue) return { action: 'cancel', because: 'superseded' };
  return { action: 'emit' };
}

/** How far an application is escalated once an alert has fired: never back from breached to warned, whatever order alerts fire in. */
export function deadlineStateAfter(current: DeadlineState | null, fired: DeadlineAlertKind): DeadlineState {
  return current === 'breached' || fired === 'breach' ? 'breached' : 'warned';
}
