import { CardSerialExhausted } from './errors';

const SEQUENCE_DIGITS = 8;
const MAX_SEQUENCE = 999_999_999; // one more digit still fits in 20 characters

/**
 * Card serials as CardProduced carries them (10-20 upper-case letters or digits, CARD_SERIAL in @idcard/contracts):
 * `P` + producing province + CST issue date + the centre's sequence number, e.g. P44202506010000042:
 * unique across centres (the province) and within one (the sequence never repeats), readable by a clerk.
 */
export function cardSerialFor(producedBy: string, issueDate: string, sequence: number): string {
  if (!/^\d{2}$/.test(producedBy)) throw new RangeError(`producing province must be two digits, not ${producedBy}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) throw new RangeError(`issue date must be YYYY-MM-DD, not ${issueDate}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, not ${sequence}`);
  if (sequence > MAX_SEQUENCE) throw new CardSerialExhausted(sequence);
  return `P${producedBy}${issueDate.replace(/-/g, '')}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}
