import { ageOn, cardExpiryFor, cardValidityYears } from './card-validity';

describe('card validity by age at issue', () => {
  it.each([
    ['2010-11-23', '2026-11-22', '2031-11-22', 'age 15: 5 years'],
    ['2010-11-22', '2026-11-22', '2036-11-22', 'age 16 on the birthday: 10 years'],
    ['2000-11-23', '2026-11-22', '2036-11-22', 'age 25: 10 years'],
    ['2000-11-22', '2026-11-22', '2046-11-22', 'age 26: 20 years'],
    ['1980-11-23', '2026-11-22', '2046-11-22', 'age 45: 20 years'],
    ['1980-11-22', '2026-11-22', null, 'age 46: long-term'],
    ['2026-11-22', '2026-11-22', '2031-11-22', 'a newborn: 5 years'],
    ['1930-01-01', '2026-11-22', null, 'age 96: long-term'],
  ])('born %s, issued %s: valid until %s (%s)', (birth, issue, expiry, _why) => {
    expect(cardExpiryFor(birth, issue)).toBe(expiry);
  });

  it('maps ages to terms at the boundaries', () => {
    expect([15, 16, 25, 26, 45, 46].map(cardValidityYears)).toEqual([5, 10, 10, 20, 20, null]);
  });

  it('lets a card issued on 29 February expire on 28 February when the expiry year has no 29th', () => {
    expect(cardExpiryFor('2014-05-05', '2024-02-29')).toBe('2029-02-28'); // 5 years
    expect(cardExpiryFor('1994-05-05', '2024-02-29')).toBe('2044-02-29'); // 20 years, a leap year again
  });

  it('ages someone born on 29 February on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
  });

  it('refuses dates that do not exist or an issue before birth', () => {
    expect(() => cardExpiryFor('1990-02-30', '2026-01-01')).toThrow(RangeError);
    expect(() => cardExpiryFor('1990-01-01', '2026/01/01')).toThrow(RangeError);
    expect(() => cardExpiryFor('2026-01-02', '2026-01-01')).toThrow('2026-01-01 is before the birth date 2026-01-02');
  });
});
