import { CARD_SERIAL } from '@idcard/contracts';
import { cardSerialFor } from './card-serial';
import { CardSerialExhausted } from './errors';

describe('card serials', () => {
  it('are P, the producing province, the issue date and the zero-padded sequence', () => {
    expect(cardSerialFor('44', '2026-03-01', 42)).toBe('P442026030100000042');
    expect(cardSerialFor('65', '2026-12-31', 12_345_678)).toBe('P652026123112345678');
  });

  it('stay 10-20 upper-case letters or digits, as CardProduced requires, up to the largest sequence', () => {
    for (const sequence of [1, 99_999_999, 100_000_000, 999_999_999]) {
      const serial = cardSerialFor('44', '2026-03-01', sequence);
      expect(serial).toMatch(CARD_SERIAL);
      expect(serial.length).toBeLessThanOrEqual(20);
    }
    expect(() => cardSerialFor('44', '2026-03-01', 1_000_000_000)).toThrow(CardSerialExhausted);
    // The line cannot make cards any more: POST /production/run answers 503 with this.
    expect(() => cardSerialFor('44', '2026-03-01', 1_000_000_000)).toThrow(
      expect.objectContaining({
        code: 'CARD_SERIAL_EXHAUSTED',
        kind: 'unavailable',
        message: 'card serial sequence 1000000000 does not fit in a 20-character serial',
      }),
    );
  });

  it('differ between centres and between sequence numbers on the same day', () => {
    expect(cardSerialFor('44', '2026-03-01', 7)).not.toBe(cardSerialFor('65', '2026-03-01', 7));
    expect(cardSerialFor('44', '2026-03-01', 7)).not.toBe(cardSerialFor('44', '2026-03-01', 8));
  });

  it('refuse a malformed province, date or sequence', () => {
    expect(() => cardSerialFor('4', '2026-03-01', 1)).toThrow('producing province must be two digits, not 4');
    expect(() => cardSerialFor('444', '2026-03-01', 1)).toThrow(RangeError);
    expect(() => cardSerialFor('x44', '2026-03-01', 1)).toThrow(RangeError);
    expect(() => cardSerialFor('44', '20260301', 1)).toThrow('issue date must be YYYY-MM-DD, not 20260301');
    expect(() => cardSerialFor('44', '2026-03-011', 1)).toThrow(RangeError);
    expect(() => cardSerialFor('44', 'x2026-03-01', 1)).toThrow(RangeError);
    expect(() => cardSerialFor('44', '2026-03-01', 0)).toThrow('sequence must be a positive integer, not 0');
    expect(() => cardSerialFor('44', '2026-03-01', 1.5)).toThrow('positive');
    expect('p442026030100000042').not.toMatch(CARD_SERIAL);
    expect('P44').not.toMatch(CARD_SERIAL);
  });
});
