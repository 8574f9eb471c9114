import { ApplicationStatus, canReach } from '@idcard/contracts';
import { canTransition } from './application';

/**
 * What a home registry's decision does to an application here:
 * - `apply`: the statuses it moves through, in order;
 * - `already-applied`: the same decision again (a re-sent message with a new id) — nothing changes;
 * - `conflict`: the opposite of a decision already recorded — the two offices disagree and a person must look,
 *   so the message is dead-lettered with this reason rather than dropped.
 * The office never sees the registry's own review steps (under_review, manual_review), so a decision may move
 * an application several steps of the shared machine at once (see application.ts).
 */
export type DecisionOutcome = { outcome: 'apply'; statuses: ApplicationStatus[] } | { outcome: 'already-applied' } | { outcome: 'conflict'; reason: string };

/** A sign-off (签发): the order went to production with it, so the application is signed off and in production. */
export function signOffOutcome(current: ApplicationStatus): DecisionOutcome {
  if (canTransition(current, 'signed_off')) return { outcome: 'apply', statuses: ['signed_off', 'in_production'] };
  if (current === 'signed_off' || canReach('signed_off', current)) return { outcome: 'already-applied' };
  return { outcome: 'conflict', reason: `a sign-off for an application this office recorded as ${current}` };
}

/** A rejection, with its reason. */
export function rejectionOutcome(current: ApplicationStatus): DecisionOutcome {
  if (canTransition(current, 'rejected')) return { outcome: 'apply', statuses: ['rejected'] };
  if (current === 'rejected') return { outcome: 'already-applied' };
  return { outcome: 'conflict', reason: `a rejection for an application this office recorded as signed off (it is ${current})` };
}
