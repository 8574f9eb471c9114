import { IllegalTransition } from './errors';

/** The life of an application as the home registry sees it. */
export const REGISTRY_APPLICATION_STATES = ['under_review', 'manual_review', 'signed_off', 'rejected', 'issued'] as const;
export type RegistryApplicationState = (typeof REGISTRY_APPLICATION_STATES)[number];

/**
 * States in which an application holds the citizen's one slot: a second application from any channel is
 * refused while one of these exists (the database enforces it with a partial unique index).
 */
export const IN_FLIGHT_STATES: readonly RegistryApplicationState[] = ['under_review', 'manual_review', 'signed_off'];

const NEXT: Record<RegistryApplicationState, readonly RegistryApplicationState[]> = {
  under_review: ['signed_off', 'rejected', 'manual_review'],
  manual_review: ['signed_off', 'rejected'],
  signed_off: ['issued'],
  rejected: [],
  issued: [],
};

/** The state an application goes to, or IllegalTransition when `to` does not follow `from`. */
export function transition(receiptNumber: string, from: RegistryApplicationState, to: RegistryApplicationState): RegistryApplicationState {
  if (!NEXT[from].includes(to)) throw new IllegalTransition(receiptNumber, from, to);
  return to;
}
