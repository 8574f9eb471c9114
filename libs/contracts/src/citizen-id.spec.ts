import { checkCharacter, makeCitizenId, maskCitizenId, maskName, parseCitizenId } from './citizen-id';

describe('GB 11643 citizen ID numbers', () => {
  const today = new Date('2026-11-22T00:00:00Z');

  it('accepts a valid number and reads region, birth date and sex from it', () => {
    const r = parseCitizenId('11010519491231002X', today);
    expect(r).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', provinceCode: '11', birthDate: '1949-12-31', sequence: '002', sex: 'female' },
    });
  });

  it('normalises a lower-case x', () => {
    expect(parseCitizenId('11010519491231002x', today)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
  });

  it.each([
    ['1101051949123100', 'must be 17 digits followed by a digit or X'],
    ['11010519491231002Y', 'must be 17 digits followed by a digit or X'],
    ['99010519491231002X', 'region code 990105 is in no province (99)'],
    ['110105194902300021', 'birth date 19490230 is not a real date'],
    ['110105203001010011', 'birth date 2030-01-01 is in the future'],
    ['110105194912310021', 'check character should be X, not 1'],
  ])('refuses %s: %s', (id, reason) => {
    expect(parseCitizenId(id, today)).toEqual({ ok: false, reason });
  });

  it('computes the check character with ISO 7064 MOD 11-2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44010619900101001')).toBe('3');
  });

  it('makes numbers that parse back to what was asked', () => {
    const id = makeCitizenId({ regionCode: '650102', birthDate: '2001-02-28', sequence: 37 });
    expect(parseCitizenId(id, today)).toMatchObject({ ok: true, value: { regionCode: '650102', birthDate: '2001-02-28', sequence: '037', sex: 'male' } });
  });

  it('masks numbers and names for logs', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('110105***********X');
    expect(maskName('王秀英')).toBe('王**');
  });
});
