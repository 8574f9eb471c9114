import { canonicalJson } from './canonical-json';
import { generateSigningKeyPair, publicKeyPem, signBytes } from './signing';
import {
  createTrustList,
  MalformedTrustList,
  nextTrustList,
  parseAndVerifyTrustList,
  rootKeyIdOf,
  serializeTrustList,
  signTrustList,
  TrustListDocument,
  TrustListError,
  trustListProblems,
  TrustListSignatureInvalid,
  trustListSignedBytes,
  UnknownTrustListRoot,
} from './trust-list';

describe('the national trust list', () => {
  const root = generateSigningKeyPair();
  const registry = generateSigningKeyPair();
  const office = generateSigningKeyPair();
  const issuedAt = new Date('2026-11-01T00:00:00Z');
  const nextUpdateBy = new Date('2026-11-08T00:00:00Z');
  const validFrom = new Date('2026-11-01T00:00:00Z');
  const validUntil = new Date('2027-11-01T00:00:00Z');
  const doc = createTrustList({
    version: 1,
    issuedAt,
    nextUpdateBy,
    keys: [
      { keyId: 'registry-office-44-a', province: '44', service: 'registry-office', publicKey: registry.publicKey, validFrom, validUntil },
      { keyId: 'receiving-office-11-a', province: '11', service: 'receiving-office', publicKey: office.publicKey, validFrom, validUntil },
    ],
  });
  const text = serializeTrustList(signTrustList(doc, root.privateKey));

  function refusal(t: string, rootKey: Parameters<typeof parseAndVerifyTrustList>[1] = root.publicKey): TrustListError {
    try {
      parseAndVerifyTrustList(t, rootKey);
    } catch (err) {
      if (err instanceof TrustListError) return err;
      throw err;
    }
    throw new Error('the list was accepted');
  }

  it('verifies against the root and finds a key only while it is valid', () => {
    const list = parseAndVerifyTrustList(text, root.publicKey);
    expect(list.version).toBe(1);
    expect(list.rootKeyId).toBe(rootKeyIdOf(root.publicKey));
    expect(list.keyFor('registry-office-44-a', new Date('2027-01-01T00:00:00Z'))?.province).toBe('44');
    expect(list.keyFor('registry-office-44-a', new Date('2026-10-31T23:59:59Z'))).toBeNull();
    expect(list.keyFor('registry-office-44-a', validUntil)).toBeNull(); // validUntil is exclusive
    expect(list.keyFor('nobody', issuedAt)).toBeNull();
    expect(list.entry('registry-office-44-a')?.validUntil).toEqual(validUntil);
    expect(list.keysOf('receiving-office', '11').map((k) => k.keyId)).toEqual(['receiving-office-11-a']);
  });

  it('is stale from nextUpdateBy on', () => {
    const list = parseAndVerifyTrustList(text, root.publicKey);
    expect(list.isStale(new Date('2026-11-07T23:59:59Z'))).toBe(false);
    expect(list.isStale(nextUpdateBy)).toBe(true);
  });

  it('survives re-indenting and re-ordering keys of the file: the canonical document is what is signed', () => {
    const file = JSON.parse(text);
    const reordered = { rootKeyId: file.rootKeyId, signature: file.signature, document: JSON.parse(canonicalJson(file.document)) };
    expect(parseAndVerifyTrustList(JSON.stringify(reordered), root.publicKey).version).toBe(1);
  });

  it('refuses an altered list: a key added, a validity stretched, a public key swapped', () => {
    const file = JSON.parse(text);
    const stretched = structuredClone(file);
    stretched.document.keys[0].validUntil = '2099-01-01T00:00:00.000Z';
    expect(refusal(JSON.stringify(stretched))).toBeInstanceOf(TrustListSignatureInvalid);
    const swapped = structuredClone(file);
    swapped.document.keys[1].publicKey = publicKeyPem(generateSigningKeyPair().publicKey);
    expect(refusal(JSON.stringify(swapped)).code).toBe('bad-signature');
    const later = structuredClone(file);
    later.document.nextUpdateBy = '2030-01-01T00:00:00.000Z';
    expect(refusal(JSON.stringify(later)).code).toBe('bad-signature');
  });

  it('refuses a list from another root, naming both', () => {
    const other = generateSigningKeyPair();
    const foreign = serializeTrustList(signTrustList(doc, other.privateKey));
    const err = refusal(foreign);
    expect(err).toBeInstanceOf(UnknownTrustListRoot);
    expect(err.message).toContain(rootKeyIdOf(other.publicKey));
    expect(err.message).toContain(rootKeyIdOf(root.publicKey));
    // A root being rotated: both are trusted for a while.
    expect(parseAndVerifyTrustList(foreign, [root.publicKey, other.publicKey]).rootKeyId).toBe(rootKeyIdOf(other.publicKey));
  });

  it('refuses a forged list that claims our root id', () => {
    const forger = generateSigningKeyPair();
    const forged = { ...signTrustList(doc, forger.privateKey), rootKeyId: rootKeyIdOf(root.publicKey) };
    expect(refusal(JSON.stringify(forged))).toBeInstanceOf(TrustListSignatureInvalid);
  });

  it('refuses what is not a list, saying what is wrong', () => {
    expect(refusal('{"document":')).toBeInstanceOf(MalformedTrustList);
    expect(refusal('[]').code).toBe('malformed');
    const noSignature = refusal(JSON.stringify({ document: doc, rootKeyId: rootKeyIdOf(root.publicKey), extra: 1 }));
    expect(noSignature.message).toMatch(/unknown field "extra"/);
    expect(noSignature.message).toMatch(/signature is missing/);
  });

  it('refuses, even when signed, a document whose fields do not hold, listing every problem', () => {
    const bad = structuredClone(doc) as unknown as Record<string, any>;
    bad.version = 0;
    bad.keys[0].province = '99';
    bad.keys[0].validUnitl = bad.keys[0].validUntil;
    delete bad.keys[0].validUntil;
    bad.keys[1].keyId = 'registry-office-44-a';
    bad.keys[1].publicKey = bad.keys[0].publicKey;
    bad.keys[1].service = 'printer';
    bad.keys[1].validFrom = '2026-11-01';
    expect(() => signTrustList(bad as TrustListDocument, root.privateKey)).toThrow(MalformedTrustList);
    // Signed all the same, as a careless ceremony with its own tool might.
    const rootKeyId = rootKeyIdOf(root.publicKey);
    const signature = signBytes(trustListSignedBytes(bad as TrustListDocument, rootKeyId), root.privateKey);
    const err = refusal(JSON.stringify({ document: bad, signature, rootKeyId })) as MalformedTrustList;
    expect(err).toBeInstanceOf(MalformedTrustList);
    expect(err.problems).toEqual([
      'version: must be a whole number ≥ 1',
      'keys[0]: unknown field "validUnitl"',
      'keys[0]: validUntil is missing',
      'keys[0].province: "99" is not a province code',
      'keys[1].keyId: registry-office-44-a is also keys[0]',
      'keys[1].service: "printer" is not a service',
      'keys[1].publicKey: the same key as keys[0]',
      'keys[1].validFrom: "2026-11-01" is not an ISO 8601 instant with an offset (e.g. 2026-11-22T08:00:00Z)',
    ]);
    expect(trustListProblems({ ...doc, nextUpdateBy: doc.issuedAt, keys: 'none' })).toEqual(['nextUpdateBy: must be after issuedAt', 'keys: must be an array']);
  });

  it('issues the next version: a new key added for rotation, then the old one dropped', () => {
    const rotated = generateSigningKeyPair();
    const v2 = nextTrustList(doc, {
      issuedAt: new Date('2026-11-05T00:00:00Z'),
      nextUpdateBy: new Date('2026-11-12T00:00:00Z'),
      add: [{ keyId: 'registry-office-44-b', province: '44', service: 'registry-office', publicKey: rotated.publicKey, validFrom, validUntil }],
    });
    const v3 = nextTrustList(v2, {
      issuedAt: new Date('2026-11-06T00:00:00Z'),
      nextUpdateBy: new Date('2026-11-13T00:00:00Z'),
      remove: ['registry-office-44-a'],
    });
    const [l1, l2, l3] = [doc, v2, v3].map((d) => parseAndVerifyTrustList(serializeTrustList(signTrustList(d, root.privateKey)), root.publicKey));
    expect(l2.keysOf('registry-office', '44').map((k) => k.keyId)).toEqual(['registry-office-44-a', 'registry-office-44-b']);
    expect(l3.entry('registry-office-44-a')).toBeUndefined();
    expect(l3.isNewerThan(l2) && l2.isNewerThan(l1) && !l1.isNewerThan(l3)).toBe(true);
    expect(() => nextTrustList(v3, { issuedAt, nextUpdateBy, remove: ['registry-office-44-a'] })).toThrow(/no key registry-office-44-a/);
  });
});
