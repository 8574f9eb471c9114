import { PROVINCE_CODES } from '../codes/provinces';
import { checkCharacter, isCitizenId, makeCitizenId, parseCitizenId } from './citizen-id';

describe('GB 11643 citizen ID numbers', () => {
  const today = new Date('2026-11-22T04:00:00Z'); // 12:00 CST, 22 November 2026

  it('accepts the published sample 11010519491231002X and reads region, birth date, sequence and sex from it', () => {
    expect(parseCitizenId('11010519491231002X', today)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', provinceCode: '11', birthDate: '1949-12-31', sequence: '002', sex: 'female' },
    });
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    expect(parseCitizenId('11010519491231002x', today)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
  });

  it('reads an odd sequence as male', () => {
    const id = makeCitizenId({ regionCode: '440106', birthDate: '1990-01-01', sequence: 1 });
    expect(parseCitizenId(id, today)).toMatchObject({ ok: true, value: { sequence: '001', sex: 'male' } });
  });

  it.each([
    ['too short', '1101051949123100', 'must be 18 characters, not 16'],
    ['too long', '11010519491231002X1', 'must be 18 characters, not 19'],
    ['padded with a space', ' 11010519491231002', 'must be 17 digits and a digit or X; character 1 is " "'],
    ['a letter other than X at the end', '11010519491231002Y', 'must be 17 digits and a digit or X; character 18 is "Y"'],
    ['an X before the end', '1101051949X2310021', 'must be 17 digits and a digit or X; character 11 is "X"'],
    ['a region in no province', '99010519491231002X', 'region code 990105 is in no province (99 is not a province code)'],
    ['30 February', '110105194902300021', 'birth date 19490230 is not a real date'],
    ['month 13', '110105194913010021', 'birth date 19491301 is not a real date'],
    ['a birth before 1900', '110105189912310021', 'birth date 1899-12-31 is before 1900-01-01'],
    ['a birth tomorrow', '110105202611230011', 'birth date 2026-11-23 is in the future (today is 2026-11-22)'],
    ['a wrong check character', '110105194912310021', 'check character should be X, not 1'],
  ])('refuses %s: %s', (_what, id, reason) => {
    expect(parseCitizenId(id, today)).toEqual({ ok: false, reason });
  });

  it('refuses what is not a string', () => {
    expect(parseCitizenId(110105194912310020, today)).toEqual({ ok: false, reason: 'must be a string of 18 characters, not number' });
    expect(parseCitizenId(null, today)).toEqual({ ok: false, reason: 'must be a string of 18 characters, not null' });
  });

  it('takes "today" in China Standard Time: someone born just after midnight CST is not born in the future', () => {
    const bornToday = makeCitizenId({ regionCode: '440106', birthDate: '2026-11-23', sequence: 2 });
    const justAfterMidnightCst = new Date('2026-11-22T16:30:00Z'); // still the 22nd in UTC
    expect(parseCitizenId(bornToday, justAfterMidnightCst)).toMatchObject({ ok: true, value: { birthDate: '2026-11-23' } });
    expect(parseCitizenId(bornToday, new Date('2026-11-22T15:59:59Z'))).toMatchObject({ ok: false, reason: expect.stringContaining('in the future') });
  });

  it('computes the check character with ISO 7064 MOD 11-2, X for remainder 2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44010619900101001')).toBe('3');
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharacter('1101051949123100X')).toThrow(RangeError);
  });

  it('detects every single-digit typing error in the first 17 digits', () => {
    const id = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      const other = String((Number(id[i]) + 1) % 10);
      const typo = id.slice(0, i) + other + id.slice(i + 1);
      expect(isCitizenId(typo, today)).toBe(false);
    }
  });

  it('makes numbers that parse back to what was asked, in every province', () => {
    for (const province of PROVINCE_CODES) {
      for (const sequence of [1, 2, 37, 998, 999]) {
        const id = makeCitizenId({ regionCode: `${province}0102`, birthDate: '2000-02-29', sequence });
        expect(parseCitizenId(id, today)).toEqual({
          ok: true,
          value: {
            idNumber: id,
            regionCode: `${province}0102`,
            provinceCode: province,
            birthDate: '2000-02-29',
            sequence: String(sequence).padStart(3, '0'),
            sex: sequence % 2 ? 'male' : 'female',
          },
        });
      }
    }
  });

  it('makes and accepts numbers at the edges: born on 1 January 1900, sequence 1 and 999', () => {
    const oldest = makeCitizenId({ regionCode: '110105', birthDate: '1900-01-01', sequence: 999 });
    expect(oldest.slice(0, 17)).toBe('11010519000101999');
    expect(parseCitizenId(oldest, today)).toMatchObject({ ok: true, value: { birthDate: '1900-01-01', sequence: '999', sex: 'male' } });
    expect(parseCitizenId(makeCitizenId({ regionCode: '110105', birthDate: '1900-01-01', sequence: '001' }), today)).toMatchObject({ ok: true });
  });

  it('takes the sequence as a number or as three digits', () => {
    expect(makeCitizenId({ regionCode: '440106', birthDate: '1990-01-01', sequence: '001' })).toBe('440106199001010013');
    expect(makeCitizenId({ regionCode: '440106', birthDate: '1990-01-01', sequence: 1 })).toBe('440106199001010013');
  });

  it.each([
    [{ regionCode: '990106', birthDate: '1990-01-01', sequence: 1 }, /990106 is in no province/],
    [{ regionCode: '4401', birthDate: '1990-01-01', sequence: 1 }, /region code must be 6 digits/],
    [{ regionCode: '440106', birthDate: '1990-02-30', sequence: 1 }, /19900230 is not a real date/],
    [{ regionCode: '440106', birthDate: '1990-01-01', sequence: 0 }, /sequence must be 1-999/],
    [{ regionCode: '440106', birthDate: '1990-01-01', sequence: 1000 }, /sequence must be 1-999/],
    [{ regionCode: '440106', birthDate: '1990-01-01', sequence: '12' }, /sequence must be 1-999/],
  ])('refuses to make a number from %j', (p, error) => {
    expect(() => makeCitizenId(p)).toThrow(error);
  });
});
