import { InvalidationReason, VerificationAnswer, verificationReasonFor } from '@idcard/contracts';

/** One card of the verification table: what the national broadcasts said about it (no name, no ID number). */
export interface VerificationRecord {
  /** Null while only an invalidation has arrived (the issuance is still on its way). */
  holderDigest: string | null;
  /** Last valid day (YYYY-MM-DD, CST); null for a long-term card or while the issuance is on its way. */
  validUntil: string | null;
  invalidReason: InvalidationReason | null;
}

/**
 * The answer to a verifier (核查), from the table alone, never across a province boundary: unknown when no province
 * announced the card; mismatch when the ID number and name presented are not its holder's — before anything else,
 * so a stranger's card tells nothing about its state; then why it is invalid, or expired when today (CST) is past its
 * last valid day even before the sweep has said so; else valid.
 */
export function verifyCard(record: VerificationRecord | null, presentedDigest: string, today: string): VerificationAnswer {
  if (!record) return { result: 'invalid', reason: 'unknown' };
  if (record.holderDigest !== null && record.holderDigest !== presentedDigest) return { result: 'invalid', reason: 'mismatch' };
  if (record.invalidReason !== null) return { result: 'invalid', reason: verificationReasonFor(record.invalidReason) };
  if (record.holderDigest === null) return { result: 'invalid', reason: 'unknown' };
  if (record.validUntil !== null && today > record.validUntil) return { result: 'invalid', reason: 'expired' };
  return { result: 'valid' };
}
