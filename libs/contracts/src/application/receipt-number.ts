import { isProvinceCode } from '../codes/provinces';

/**
 * The number on the receipt (回执) a receiving office gives the citizen, and the correlation id of every message
 * about the application: "R", the receiving province, "-", then 6-40 upper-case letters, digits or dashes chosen
 * by the office (e.g. R44-20261122-000001).
 */
export const RECEIPT_NUMBER = /^R(\d{2})-[0-9A-Z-]{6,40}$/;

/** Why a value is not a receipt number, or null when it is one. */
export function receiptNumberProblem(value: unknown): string | null {
  const m = typeof value === 'string' ? RECEIPT_NUMBER.exec(value) : null;
  if (!m) return 'must be R, a province code, a dash and 6-40 upper-case letters, digits or dashes (e.g. R44-20261122-000001)';
  if (!isProvinceCode(m[1])) return `${m[1]} in ${value as string} is not a province code`;
  return null;
}

export function isReceiptNumber(value: unknown): value is string {
  return receiptNumberProblem(value) === null;
}
