import * as trust from '@idcard/trust';

// The alias other engineers will import: tsconfig.json "paths", which jest.paths.js maps too.
it('exports the building blocks through @idcard/trust', () => {
  for (const name of ['signMessage', 'verifySignature', 'parseAndVerifyTrustList', 'verifyMessage', 'verifyChain', 'ensureKeyFiles', 'canonicalJson']) {
    expect(typeof (trust as Record<string, unknown>)[name]).toBe('function');
  }
  expect(trust.SIGNATURE_HEADERS).toEqual({ signature: 'x-signature', keyId: 'x-key-id' });
});
