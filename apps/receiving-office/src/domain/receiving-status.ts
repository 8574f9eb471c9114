import { ApplicationStatus, IllegalTransition, NEXT_STATUSES } from '@idcard/contracts';

/** The registry's own review steps: this office hears of a decision, never of the review that led to it. */
const UNSEEN_HERE: readonly ApplicationStatus[] = ['under_review', 'manual_review'];

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
export function canMoveOn(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return reachableThroughUnseen(from, to);
}

/** The status machine as the receiving office walks it; throws IllegalTransition for anything else. */
export function moveOn(from: ApplicationStatus, to: ApplicationStatus): ApplicationStatus {
  if (!canMoveOn(from, to)) throw new IllegalTransition(from, to);
  return to;
}
