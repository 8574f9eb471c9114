import { createHash } from 'node:crypto';
import { InvalidationReason, VerificationAnswer, verificationReasonFor } from '@idcard/contracts';

/** One card of the verification table: what the national broadcasts said about it (no name, no ID number). */
export interface VerificationRecord {
  /** Null while only an invalidation has arrived (the issuance is still on its way). */
  holderDigest: string | null;
  /** Last valid day (YYYY-MM-DD, CST); null for a long-term card or while the issuance is on its way. */
  validUntil: string | null;
  invalidReason: InvalidationReason | null;
  /** The registry that announced the card (its CardIssued); null while only an invalidation has arrived. */
  homeProvince: string | null;
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

/**
 * Which registry to tell of a check answered here, so its holder's tracker lists every check of the card, nationwide:
 * the card's home registry, when that is another province's. Every answer about a card some registry announced is
 * told — valid, lost, replaced, expired, a voided temporary card, and mismatch too: the card is known, and someone
 * presenting it under another name is just what its holder wants to see (the home registry knows its own holder; the
 * message names none). Not told: a card no registry announced here (unknown, no home province: there is no holder to
 * tell, and a made-up serial must not become a message to whichever province its digits name), and this
 * province's own cards (the check is recorded here already).
 */
export function homeRegistryToTell(record: VerificationRecord | null, here: string): string | null {
  if (!record?.homeProvince || record.homeProvince === here) return null;
  return record.homeProvince;
}

/** Longest verifier name and subject a CardVerified carries (the contract's bound). */
export const VERIFIER_TEXT_MAX = 200;

/**
 * The verifier as a CardVerified names it, within the contract's bounds whatever the identity provider put in the
 * token: telling the home registry must never fail the check itself. A name is cut (by characters, not bytes); a
 * subject too long to carry travels as its SHA-256, still one value per client.
 */
export function verifierAsTold(client: { name: string; subject: string }): { verifierName: string; verifierSubject: string } {
  const name = [...client.name.trim()].slice(0, VERIFIER_TEXT_MAX).join('') || client.subject.slice(0, VERIFIER_TEXT_MAX);
  const subject = client.subject.length <= VERIFIER_TEXT_MAX ? client.subject : `sha256:${createHash('sha256').update(client.subject).digest('hex')}`;
  return { verifierName: name, verifierSubject: subject };
}
