import { generateKeyPairSync } from 'node:crypto';
import {
  generateSigningKeyPair,
  keyFingerprint,
  publicKeyOf,
  publicKeyPem,
  signatureFromHeaders,
  signatureHeaders,
  signedBytes,
  signMessage,
  SIGNATURE_HEADERS,
  verifySignature,
} from './signing';

describe('message signatures', () => {
  const { privateKey, publicKey } = generateSigningKeyPair();
  const message = { topic: 'idcard.registry.44.applications', key: '440106199001011234', value: Buffer.from('{"type":"ApplicationSubmitted"}') };

  it('verify over exactly the topic, key and value signed, given as bytes or as the same text', () => {
    const s = signMessage(message, privateKey, 'registry-office-44-a');
    expect(s.keyId).toBe('registry-office-44-a');
    expect(Buffer.from(s.signature, 'base64')).toHaveLength(64);
    expect(verifySignature(message, s.signature, publicKey)).toBe(true);
    expect(verifySignature({ ...message, key: Buffer.from(message.key), value: message.value.toString() }, s.signature, publicKey)).toBe(true);
  });

  it('fail for a message replayed onto another topic, re-keyed, or with one byte changed', () => {
    const { signature } = signMessage(message, privateKey, 'k');
    expect(verifySignature({ ...message, topic: 'idcard.registry.45.applications' }, signature, publicKey)).toBe(false);
    expect(verifySignature({ ...message, key: '440106199001011235' }, signature, publicKey)).toBe(false);
    const tampered = Buffer.from(message.value);
    tampered[10] ^= 1;
    expect(verifySignature({ ...message, value: tampered }, signature, publicKey)).toBe(false);
    expect(verifySignature(message, signature, generateSigningKeyPair().publicKey)).toBe(false);
  });

  it('encode fields so no boundary can shift and null is not empty', () => {
    const a = signedBytes({ topic: 'ab', key: 'c', value: 'd' });
    expect(a.equals(signedBytes({ topic: 'a', key: 'bc', value: 'd' }))).toBe(false);
    expect(signedBytes({ topic: 't', key: null, value: 'v' }).equals(signedBytes({ topic: 't', key: '', value: 'v' }))).toBe(false);
  });

  it('keep the signed format fixed: domain, then 4-byte big-endian lengths', () => {
    // A change here breaks every signature in flight: it needs a new domain (idcard-message-v2), not an edit.
    expect(signedBytes({ topic: 't', key: null, value: 'v' }).toString('hex')).toBe(
      '00000011' + Buffer.from('idcard-message-v1').toString('hex') + '0000000174' + 'ffffffff' + '0000000176',
    );
  });

  it('answer false, never throw, for a signature that is not one', () => {
    expect(verifySignature(message, '', publicKey)).toBe(false);
    expect(verifySignature(message, 'not base64 at all!', publicKey)).toBe(false);
    const { signature } = signMessage(message, privateKey, 'k');
    expect(verifySignature(message, signature.slice(0, -4), publicKey)).toBe(false);
    expect(verifySignature(message, `${signature} `, publicKey)).toBe(false);
  });

  it('take public keys as PEM or base64 DER, and refuse keys that are not Ed25519', () => {
    const pem = publicKeyPem(publicKey);
    const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(keyFingerprint(publicKeyOf(pem))).toBe(keyFingerprint(publicKeyOf(der)));
    expect(keyFingerprint(privateKey)).toBe(keyFingerprint(publicKey));
    expect(() => publicKeyOf(generateKeyPairSync('x25519').publicKey)).toThrow(/Ed25519/);
    expect(() => signMessage(message, generateKeyPairSync('x25519').privateKey, 'k')).toThrow(/Ed25519/);
  });

  it('travel in two headers, read back as kafkajs hands them over', () => {
    const s = signMessage(message, privateKey, 'k1');
    const headers = signatureHeaders(s);
    expect(Object.keys(headers).sort()).toEqual([SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.signature].sort());
    const received = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(signatureFromHeaders(received)).toEqual({ keyId: 'k1', signature: s.signature });
    expect(signatureFromHeaders({ [SIGNATURE_HEADERS.signature]: [s.signature, s.signature], [SIGNATURE_HEADERS.keyId]: ['k1'] })).toEqual({
      keyId: 'k1',
      signature: null,
    });
    expect(signatureFromHeaders(undefined)).toEqual({ keyId: null, signature: null });
  });
});
