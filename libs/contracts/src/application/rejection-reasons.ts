/** Why a home registry refuses an application; the code travels in ApplicationRejected, the text is for people. */
export const REJECTION_REASONS = {
  /** The ID number is not in the home province's population register (wrong home province, or no such person). */
  NOT_IN_REGISTER: 'the citizen is not in the population register of the home province',
  NAME_MISMATCH: 'the declared name differs from the register',
  SEX_MISMATCH: 'the declared sex differs from the register',
  BIRTH_DATE_MISMATCH: 'the declared birth date differs from the register',
  /** A declared change of ethnicity goes to manual review; this is its refusal. */
  ETHNICITY_MISMATCH: 'the declared ethnicity differs from the register and the change was not approved',
  /** 重复办证: the registry already has an application of this citizen in flight; the rejection names its receipt. */
  DUPLICATE_IN_FLIGHT: 'another application for this citizen is already in progress',
  PHOTO_REJECTED: 'the photo does not meet the ID-card photo standard or does not show the registered person',
  /** Refused in manual review for a reason not listed here; the detail says which. */
  REVIEWER_REJECTED: 'rejected by a reviewer',
  /** 补领 asked for, but the card has been handed in as found (丢失招领), is still valid and waits for its holder. */
  CARD_NOT_LOST: 'the card to be replaced as lost has been handed in and can be collected; it was not invalidated',
  /**
   * 补领 asked for, but no loss of the current card is on record (issue 12): report the loss first, or have the clerk
   * record it with the application (lossReportedAtCounter).
   */
  LOSS_NOT_ON_RECORD: 'no loss of the current card is on record: report it lost first, or record the loss at the counter with the application',
  /** Renewal or replacement asked for, but the register holds no card of this citizen: apply for a first card. */
  NO_CARD_TO_REPLACE: 'the register holds no card of this citizen to renew or replace',
  /** A first card asked for, but the register already holds a card of this citizen: apply for a renewal or replacement. */
  FIRST_CARD_ALREADY_ISSUED: 'the register already holds a card of this citizen, so this is not a first application',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as RejectionReason[];

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REJECTION_REASONS, value);
}
