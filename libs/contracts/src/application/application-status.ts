import { DomainError } from '@idcard/errors';

/** Where an application stands, in the order of the flow; rejected and handed_over are final. */
export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'manual_review',
  'signed_off',
  'rejected',
  'in_production',
  'shipped',
  'arrived',
  'handed_over',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The state machine: each status and the statuses it may move to next. */
export const NEXT_STATUSES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ['under_review', 'rejected'],
  under_review: ['signed_off', 'manual_review', 'rejected'],
  manual_review: ['signed_off', 'rejected'],
  signed_off: ['in_production'],
  in_production: ['shipped'],
  shipped: ['arrived'],
  arrived: ['handed_over'],
  rejected: [],
  handed_over: [],
};

export function isFinalStatus(status: ApplicationStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

/**
 * One or more steps: for a service that sees only some of them — the receiving office learns of the sign-off
 * and then of the shipment, never of production starting — to tell "later in the flow" from "impossible".
 */
export function canReach(from: ApplicationStatus, to: ApplicationStatus): boolean {
  const seen = new Set<ApplicationStatus>();
  const pending = [...NEXT_STATUSES[from]];
  while (pending.length) {
    const next = pending.pop()!;
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...NEXT_STATUSES[next]);
  }
  return false;
}

/** A step the machine does not have; each service's transition function throws it. */
export class IllegalTransition extends DomainError {
  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
  ) {
    super({
      code: 'ILLEGAL_TRANSITION',
      kind: 'conflict',
      message: `an application that is ${from} cannot become ${to}`,
      field: 'status',
      details: { currentStatus: from },
    });
  }
}
