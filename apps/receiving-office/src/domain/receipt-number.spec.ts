import { isReceiptNumber } from '@idcard/contracts';
import { isReceiptOf, receiptNumberFor } from './receipt-number';

describe('receipt numbers', () => {
  it('carry the province, the CST date of acceptance and a padded sequence', () => {
    expect(receiptNumberFor('65', new Date('2026-11-01T03:00:00Z'), 42)).toBe('R65-20261101-000042');
  });

  it('take the China Standard Time date: 16:30 UTC is already the next day in Beijing', () => {
    expect(receiptNumberFor('44', new Date('2026-11-01T16:30:00Z'), 1)).toBe('R44-20261102-000001');
  });

  it('stay valid past a million applications', () => {
    const receipt = receiptNumberFor('11', new Date('2026-01-01T00:00:00Z'), 12_345_678);
    expect(receipt).toBe('R11-20260101-12345678');
    expect(isReceiptNumber(receipt)).toBe(true);
  });

  it('refuse a sequence that is not a positive integer and a province that is not two digits', () => {
    expect(() => receiptNumberFor('44', new Date(), 0)).toThrow('sequence');
    expect(() => receiptNumberFor('4', new Date(), 1)).toThrow('province');
    expect(() => receiptNumberFor('440', new Date(), 1)).toThrow('province must be two digits, got "440"');
    expect(() => receiptNumberFor('R44', new Date(), 1)).toThrow('province must be two digits, got "R44"');
    expect(() => receiptNumberFor('00', new Date(), 1)).toThrow('not a receipt number');
  });

  it('tell which province issued a receipt', () => {
    expect(isReceiptOf('R44-20261101-000001', '44')).toBe(true);
    expect(isReceiptOf('R65-20261101-000001', '44')).toBe(false);
    expect(isReceiptOf('not a receipt', '44')).toBe(false);
  });
});
