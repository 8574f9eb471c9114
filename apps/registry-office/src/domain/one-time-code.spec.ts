import { newOneTimeCode, oneTimeCodeHash, oneTimeCodeMatches, oneTimeCodeSmsText } from './one-time-code';

describe('one-time codes', () => {
  it('are six digits', () => {
    for (let i = 0; i < 20; i++) expect(newOneTimeCode()).toMatch(/^\d{6}$/);
  });

  it('are kept as a hash that only the same code for the same row matches', () => {
    const hash = oneTimeCodeHash('row-1', '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
    expect(oneTimeCodeMatches('row-1', '123456', hash)).toBe(true);
    expect(oneTimeCodeMatches('row-1', '123457', hash)).toBe(false);
    expect(oneTimeCodeMatches('row-2', '123456', hash)).toBe(false);
    expect(oneTimeCodeMatches('row-1', '123456', 'abc')).toBe(false);
  });

  it('travel in an SMS that holds the code and nothing about the citizen', () => {
    expect(oneTimeCodeSmsText('042917')).toContain('042917');
  });
});
