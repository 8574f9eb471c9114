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
  });

  it('differ between centres and between sequence numbers on the same day', () => {
    expect(cardSerialFor('44', '2026-03-01', 7)).not.toBe(cardSerialFor('65', '2026-03-01', 7));
    expect(cardSerialFor('44', '2026-03-01', 7)).not.toBe(cardSerialFor('44', '2026-03-01', 8));
  });

  it('refuse a malformed province, date or sequence', () => {
    expect(() => cardSerialFor('4', '2026-03-01', 1)).toThrow('province');
    expect(() => cardSerialFor('44', '20260301', 1)).toThrow('YYYY-MM-DD');
    expect(() => cardSerialFor('44', '2026-03-01', 0)).toThrow('positive');
    expect(() => cardSerialFor('44', '2026-03-01', 1.5)).toThrow('positive');
    expect('p442026030100000042').not.toMatch(CARD_SERIAL);
    expect('P44').not.toMatch(CARD_SERIAL);
  });
});
