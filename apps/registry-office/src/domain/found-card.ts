import type { VerificationReason } from '@idcard/contracts';

/** A card of the home register (resident or temporary), as a found card is judged against it. */
export interface HomeCard {
  idNumber: string;
  status: 'valid' | 'invalidated';
  invalidationReason: 'replaced' | 'lost' | 'expired' | 'voided' | null;
  /** Last valid day (YYYY-MM-DD); null for a long-term card. */
  validUntil: string | null;
}

export type FoundCardDecision = { instruction: 'return' } | { instruction: 'destroy'; reason: VerificationReason };

/**
 * 丢失招领: a found card goes back to its holder only while it is valid — known to the home register, printed with
 * the holder's ID number, not invalidated and not past its last valid day (CST). A card reported lost or replaced,
 * expired, unknown or not matching is destroyed, with the reason.
 */
export function judgeFoundCard(card: HomeCard | null, printedIdNumber: string, today: string): FoundCardDecision {
  if (!card) return { instruction: 'destroy', reason: 'unknown' };
  if (card.idNumber !== printedIdNumber) return { instruction: 'destroy', reason: 'mismatch' };
  if (card.invalidationReason === 'voided') return { instruction: 'destroy', reason: 'unknown' };
  if (card.status === 'invalidated' && card.invalidationReason) return { instruction: 'destroy', reason: card.invalidationReason };
  if (card.validUntil !== null && today > card.validUntil) return { instruction: 'destroy', reason: 'expired' };
  return { instruction: 'return' };
}

/** The holder's SMS for a found card: the office and the found card's id, never a name or an ID number. */
export function foundCardSmsText(receivingOfficeCode: string, foundCardId: string): string {
  return (
    `【身份证】您的一张居民身份证已被送交受理点 ${receivingOfficeCode}，请携带本短信及其他身份证明前往领取。编号 ${foundCardId}。` +
    ` An ID card of yours was handed in at office ${receivingOfficeCode}; collect it there with this reference: ${foundCardId}.`
  );
}
