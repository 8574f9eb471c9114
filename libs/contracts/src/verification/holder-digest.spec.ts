import { holderDigest, HOLDER_DIGEST, normaliseHolderName } from './holder-digest';

describe('holderDigest', () => {
  const serial = 'P44202611220000001';
  const id = '11010519491231002X';

  it('is 64 lower-case hex characters, the same for the same card and holder', () => {
    const digest = holderDigest(serial, id, '王芳');
    expect(digest).toMatch(HOLDER_DIGEST);
    expect(holderDigest(serial, id, '王芳')).toBe(digest);
  });

  it('reads the name as the review compares names: white space, width and middle-dot variants do not count', () => {
    expect(holderDigest(serial, id, ' 阿依古丽・艾力 ')).toBe(holderDigest(serial, id, '阿依古丽·艾力'));
    expect(holderDigest(serial, id, '王 芳')).toBe(holderDigest(serial, id, '王芳'));
    expect(holderDigest(serial, '11010519491231002x', '王芳')).toBe(holderDigest(serial, id, '王芳'));
    expect(normaliseHolderName('ＡＢＣ')).toBe('ABC');
  });

  it('differs for another serial (the serial salts it), another ID number or another name', () => {
    const digest = holderDigest(serial, id, '王芳');
    expect(holderDigest('P44202611220000002', id, '王芳')).not.toBe(digest);
    expect(holderDigest(serial, '110105194912310037', '王芳')).not.toBe(digest);
    expect(holderDigest(serial, id, '王芬')).not.toBe(digest);
  });

  it('cannot be shifted across fields (each part is length-prefixed)', () => {
    expect(holderDigest('AB', 'C', 'D')).not.toBe(holderDigest('A', 'BC', 'D'));
  });
});
