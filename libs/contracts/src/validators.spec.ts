import { randomBytes } from 'crypto';
import { isStandardBase64 } from './validators';

describe('standard base64', () => {
  it('takes what an encoder writes, padded or not needing padding, a photo included', () => {
    for (const n of [1, 2, 3, 4, 40_000]) expect(isStandardBase64(randomBytes(n).toString('base64'))).toBe(true);
    expect(isStandardBase64('/9j/4AAQ')).toBe(true);
  });

  it('refuses what is missing its padding, of another alphabet, spaced, or spelled otherwise than an encoder would', () => {
    expect(isStandardBase64('QQ')).toBe(false);
    expect(isStandardBase64('QUI')).toBe(false);
    expect(isStandardBase64('_9j-4AAQ')).toBe(false);
    expect(isStandardBase64('/9j/ 4AAQ')).toBe(false);
    expect(isStandardBase64('/9j/4AA\n')).toBe(false);
    expect(isStandardBase64('QR==')).toBe(false); // "A" is QQ==: the unused bits must be zero
    expect(isStandardBase64('Q===')).toBe(false);
    expect(isStandardBase64('QQ==QQ==')).toBe(false);
  });
});
