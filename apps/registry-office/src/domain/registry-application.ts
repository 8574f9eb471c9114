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

export function isInFlight(state: RegistryApplicationState): boolean {
  return IN_FLIGHT_STATES.includes(state);
}

export function canMove(from: RegistryApplicationState, to: RegistryApplicationState): boolean {
  return NEXT[from].includes(to);
}

/** A decision or event that does not fit the application's current state. */
export class IllegalRegistryTransition extends Error {
  constructor(
    readonly receiptNumber: string,
    readonly from: RegistryApplicationState,
    readonly to: RegistryApplicationState,
  ) {
    super(`application ${receiptNumber} is ${from} and cannot become ${to}`);
    this.name = 'IllegalRegistryTransition';
  }
}

/** Moves an application on, or throws IllegalRegistryTransition. */
export function moveApplication(receiptNumber: string, from: RegistryApplicationState, to: RegistryApplicationState): RegistryApplicationState {
  if (!canMove(from, to)) throw new IllegalRegistryTransition(receiptNumber, from, to);
  return to;
}
