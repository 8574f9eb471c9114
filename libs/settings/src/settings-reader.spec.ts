import { SettingsError, SettingsReader } from './settings-reader';

describe('SettingsReader', () => {
  it('gives the default for a setting that is unset or blank', () => {
    const read = new SettingsReader({ B: '  ' });
    expect(read.integer('A', 7)).toBe(7);
    expect(read.integer('B', 8)).toBe(8);
    expect(read.oneOf('C', ['x', 'y'] as const, 'y')).toBe('y');
    expect(read.list('D', ['p'])).toEqual(['p']);
    expect(() => read.check('svc')).not.toThrow();
  });

  it('reads what is set: whole numbers, one of a list, comma lists', () => {
    const read = new SettingsReader({ N: '42', C: 'x', L: ' a, b ,,c ', NL: '15,5' });
    expect(read.integer('N', 0, { min: 1 })).toBe(42);
    expect(read.oneOf('C', ['x', 'y'] as const, 'y')).toBe('x');
    expect(read.list('L')).toEqual(['a', 'b', 'c']);
    expect(read.integerList('NL', [1], { max: 59 })).toEqual([15, 5]);
  });

  it('names every bad variable in one error instead of stopping at the first', () => {
    const read = new SettingsReader({ N: '-3', M: '1.5', C: 'z', NL: '15,99', BIG: '70000' });
    read.integer('N', 0);
    read.integer('M', 0);
    read.oneOf('C', ['x', 'y'] as const, 'x');
    read.integerList('NL', [15, 5], { max: 59 });
    read.integer('BIG', 0, { max: 65535 });
    read.required('MUST', 'the thing');
    let error: SettingsError | undefined;
    try {
      read.check('receiving-office');
    } catch (err) {
      error = err as SettingsError;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect(error!.problems).toHaveLength(6);
    expect(error!.message).toMatch(/^receiving-office cannot start: /);
    for (const name of ['N ', 'M ', 'C ', 'NL ', 'BIG ', 'MUST ']) expect(error!.message).toContain(name);
  });
});
