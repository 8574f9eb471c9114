import type { InvalidationReason } from '../messages/card-invalidated';

/**
 * What a verification (核查) may answer about an invalid card, and nothing more: lost (reported lost, 挂失),
 * replaced (a newer card exists), expired, unknown (no such card in the national record) or mismatch (the card
 * exists but the ID number or name read from it is not its holder's — which holder, it never says).
 */
export const VERIFICATION_REASONS = ['lost', 'replaced', 'expired', 'unknown', 'mismatch'] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

export type VerificationAnswer = { result: 'valid' } | { result: 'invalid'; reason: VerificationReason };

/** The kinds of card a registry issues: the resident ID card and the temporary ID (临时身份证, three months). */
export const CARD_KINDS = ['resident', 'temporary'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** How long a temporary ID card is valid, from its issue date (CST). */
export const TEMPORARY_CARD_VALID_MONTHS = 3;

/** What a verification answers for a card invalidated for `reason`: a voided temporary card was never handed out. */
export function verificationReasonFor(reason: InvalidationReason): VerificationReason {
  switch (reason) {
    case 'lost':
      return 'lost';
    case 'replaced':
      return 'replaced';
    case 'expired':
      return 'expired';
    case 'voided':
      return 'unknown';
  }
}
