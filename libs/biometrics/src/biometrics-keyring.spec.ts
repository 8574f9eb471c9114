import { BiometricsKeyring, isSealed, openBytes, sealBytes } from './biometrics-keyring';
import { sealedJson, sealedText, useBiometricsKeyring } from './sealed-columns';

describe('BiometricsKeyring', () => {
  const photo = '/9j/4AAQSkZJRgABAQAAAQABAAD' + 'x'.repeat(200);

  it('seals so that nothing of the photo shows, and opens it again', () => {
    const ring = BiometricsKeyring.generate('k1');
    const sealed = ring.seal(photo);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('/9j/');
    expect(ring.open(sealed)).toBe(photo);
    expect(ring.seal(photo)).not.toBe(sealed); // a fresh IV each time
  });

  it('rotates: a new first key seals, the old one still opens what it sealed', () => {
    const old = BiometricsKeyring.generate('old');
    const sealedOld = old.seal(photo);
    const rotated = BiometricsKeyring.parse(`new:${Buffer.alloc(32, 7).toString('base64')},${old.toString()}`);
    expect(rotated.currentId).toBe('new');
    expect(rotated.open(sealedOld)).toBe(photo);
    expect(rotated.seal(photo).split('.')[1]).toBe('new');
    expect(() => BiometricsKeyring.generate('other').open(sealedOld)).toThrow(/does not hold/);
  });

  it('refuses a tampered value, a short key and a malformed setting', () => {
    const ring = BiometricsKeyring.generate('k1');
    const parts = ring.seal(photo).split('.');
    parts[4] = parts[4].slice(0, -2) + (parts[4].endsWith('A') ? 'BB' : 'AA');
    expect(() => ring.open(parts.join('.'))).toThrow();
    expect(() => BiometricsKeyring.parse(`k:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => BiometricsKeyring.parse('just-a-key')).toThrow(/id:base64key/);
  });

  it('seals bytes whole (a message value), and passes bytes stored before as they are', () => {
    const ring = BiometricsKeyring.generate('b');
    const value = Buffer.from(JSON.stringify({ photo: { jpegBase64: photo } }));
    const sealed = sealBytes(ring, value);
    expect(sealed.toString('utf8')).not.toContain('/9j/');
    expect(openBytes(ring, sealed).equals(value)).toBe(true);
    expect(openBytes(ring, value).equals(value)).toBe(true);
  });

  it('reads a value written before encryption as it is', () => {
    expect(BiometricsKeyring.generate().open(photo)).toBe(photo);
  });

  it('gives TypeORM columns that seal on the way in and open on the way out', () => {
    useBiometricsKeyring(BiometricsKeyring.generate('col'));
    const stored = sealedText.to(photo)!;
    expect(stored).not.toContain('/9j/');
    expect(sealedText.from(stored)).toBe(photo);
    const json = sealedJson<{ photo: string }>();
    expect(json.from(json.to({ photo })!)).toEqual({ photo });
    expect(sealedText.to(null)).toBeNull();
  });
});
