import { APPLICATION_STATUSES, ApplicationStatus, IllegalTransition, isFinalStatus, NEXT_STATUSES } from '@idcard/contracts';

/**
 * An application as this office keeps it: the statuses of the shared machine (libs/contracts) it records, and
 * its one transition function. The ApplicationLedger is the only code that applies a transition.
 */

/** The registry's own review steps: this office hears of a decision, never of the review that led to it. */
const UNSEEN_HERE: readonly ApplicationStatus[] = ['under_review', 'manual_review'];

/** Handed over or rejected: nothing happens to the application any more, and its deadline is no longer watched. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter(isFinalStatus);

function reachableThroughUnseen(from: ApplicationStatus, to: ApplicationStatus, seen = new Set<ApplicationStatus>()): boolean {
  for (const next of NEXT_STATUSES[from]) {
    if (next === to) return true;
    if (UNSEEN_HERE.includes(next) && !seen.has(next)) {
      seen.add(next);
      if (reachableThroughUnseen(next, to, seen)) return true;
    }
  }
  return false;
}

/** Whether the office may record `to` next: one step of the shared machine, or several through review steps it does not see. */
export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return reachableThroughUnseen(from, to);
}

/** The status machine as the receiving office walks it; throws IllegalTransition for anything else. */
export function transition(from: ApplicationStatus, to: ApplicationStatus): ApplicationStatus {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to);
  return to;
}
