/** What the citizen asks for (首次申领, 换领, 补领, damaged-card replacement). */
export const APPLICATION_KINDS = ['first', 'renewal', 'lost', 'damaged'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** 工本费 in yuan: 20 for a first card, renewal or damaged card, 40 for a lost card. */
const FEES: Record<ApplicationKind, number> = { first: 20, renewal: 20, lost: 40, damaged: 20 };
export const TEMPORARY_ID_FEE_YUAN = 10;

export function feeFor(kind: ApplicationKind): number {
  return FEES[kind];
}

/** How the finished card reaches the citizen. */
export const DELIVERY_METHODS = ['counter', 'kiosk', 'post'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Why a registry office refuses an application. */
export const REJECTION_REASONS = {
  NOT_IN_REGISTER: 'the citizen is not in the population register of the home province',
  NAME_MISMATCH: 'the declared name differs from the register',
  SEX_MISMATCH: 'the declared sex differs from the register',
  BIRTH_DATE_MISMATCH: 'the declared birth date differs from the register',
  ETHNICITY_MISMATCH: 'the declared ethnicity differs from the register and the change was not approved',
  DUPLICATE_IN_FLIGHT: 'another application for this citizen is already in progress',
  PHOTO_REJECTED: 'the photo does not meet the ID-card photo standard',
  REVIEWER_REJECTED: 'rejected by a reviewer',
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as RejectionReason[];

/** The life of an application as the receiving office tracks it. */
export const APPLICATION_STATUSES = ['submitted', 'signed_off', 'rejected', 'in_production', 'shipped', 'arrived', 'handed_over'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['signed_off', 'rejected'],
  signed_off: ['in_production', 'shipped'],
  in_production: ['shipped'],
  shipped: ['arrived'],
  arrived: ['handed_over'],
  rejected: [],
  handed_over: [],
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
  ) {
    super(`an application that is ${from} cannot become ${to}`);
    this.name = 'IllegalTransition';
  }
}

/** Moves an application on, or throws IllegalTransition. */
export function transition(from: ApplicationStatus, to: ApplicationStatus): ApplicationStatus {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to);
  return to;
}

/** Receiving office code: the 6-digit county code and a 2-digit station suffix; finished cards are sorted by it. */
export const RECEIVING_OFFICE_CODE = /^\d{6}\d{2}$/;

/** ID-card photo standard: 358 × 441 pixels, JPEG. */
export const PHOTO_WIDTH_PX = 358;
export const PHOTO_HEIGHT_PX = 441;
