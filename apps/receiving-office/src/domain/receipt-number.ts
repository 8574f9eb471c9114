import { cstDate, isReceiptNumber } from '@idcard/contracts';

/**
 * The receipt number of the `sequence`-th application taken by the receiving offices of `province`:
 * `R44-20261101-000123` — province, CST date of acceptance, and a sequence that never repeats in the province.
 */
export function receiptNumberFor(province: string, acceptedAt: Date, sequence: number): string {
  if (!/^\d{2}$/.test(province)) throw new RangeError(`province must be two digits, got ${JSON.stringify(province)}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  const receipt = `R${province}-${cstDate(acceptedAt).replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
  if (!isReceiptNumber(receipt)) throw new RangeError(`${receipt} is not a receipt number`);
  return receipt;
}

/** Whether a receipt number was issued by a receiving office of `province`. */
export function isReceiptOf(receiptNumber: string, province: string): boolean {
  return isReceiptNumber(receiptNumber) && receiptNumber.slice(1, 3) === province;
}
