import { MessageType, topics } from '@idcard/contracts';
import { generateSigningKeyPair, signatureHeaders, signMessage } from './signing';
import { createTrustList, nextTrustList, parseAndVerifyTrustList, serializeTrustList, signTrustList } from './trust-list';
import { ReceivedMessage, VERIFICATION_FAILURES, verifyMessage, VerificationPolicy } from './verify-message';

describe('verifying a message on receipt', () => {
  const root = generateSigningKeyPair();
  const registry11 = generateSigningKeyPair();
  const registry12 = generateSigningKeyPair();
  const office44 = generateSigningKeyPair();
  const retired = generateSigningKeyPair();
  const validFrom = new Date('2026-11-01T00:00:00Z');
  const validUntil = new Date('2027-11-01T00:00:00Z');
  const doc = createTrustList({
    version: 1,
    issuedAt: validFrom,
    nextUpdateBy: new Date('2026-12-01T00:00:00Z'),
    keys: [
      { keyId: 'registry-office-11-a', province: '11', service: 'registry-office', publicKey: registry11.publicKey, validFrom, validUntil },
      { keyId: 'registry-office-12-a', province: '12', service: 'registry-office', publicKey: registry12.publicKey, validFrom, validUntil },
      { keyId: 'receiving-office-44-a', province: '44', service: 'receiving-office', publicKey: office44.publicKey, validFrom, validUntil },
      {
        keyId: 'registry-office-11-old',
        province: '11',
        service: 'registry-office',
        publicKey: retired.publicKey,
        validFrom,
        validUntil: new Date('2026-11-10T00:00:00Z'),
      },
    ],
  });
  const trustList = parseAndVerifyTrustList(serializeTrustList(signTrustList(doc, root.privateKey)), root.publicKey);
  const now = new Date('2026-11-22T08:00:05Z');
  const policy: VerificationPolicy = { trustList, now, allowedSkew: { pastMs: 3600_000, futureMs: 60_000 } };

  /** A decision from the registry of 11 to the receiving office of 44, signed by `signer` as `keyId`. */
  function received(
    o: { signer?: typeof registry11; keyId?: string; type?: string; topic?: string; occurredAt?: string; source?: { province: string; service: string } } = {},
  ) {
    const envelope = {
      messageId: '7d6f2a8e-2b1c-4b8e-9a51-0c7e9f1d2a33',
      type: o.type ?? MessageType.ApplicationSignedOff,
      schemaVersion: 1,
      occurredAt: o.occurredAt ?? '2026-11-22T08:00:00.000Z',
      source: o.source ?? { province: '11', service: 'registry-office' },
      correlationId: 'R44-20261122-000001',
      payload: { receiptNumber: 'R44-20261122-000001', productionProvince: '44', reviewedBy: 'automatic', signedOffAt: '2026-11-22T08:00:00.000Z' },
    };
    const topic = o.topic ?? topics.receivingDecisions('44');
    const key = Buffer.from('110101199003074578');
    const value = Buffer.from(JSON.stringify(envelope));
    const headers = signatureHeaders(signMessage({ topic, key, value }, (o.signer ?? registry11).privateKey, o.keyId ?? 'registry-office-11-a'));
    const m: ReceivedMessage = { topic, key, value, headers, envelope };
    return m;
  }

  it('accepts a genuine message and names the key, hence the sender', () => {
    const result = verifyMessage(received(), policy);
    expect(result).toEqual({ ok: true, key: expect.objectContaining({ keyId: 'registry-office-11-a', province: '11', service: 'registry-office' }) });
  });

  it('refuses everything while the trust list is stale, before looking further', () => {
    const result = verifyMessage(received(), { ...policy, now: new Date('2026-12-01T00:00:00Z') });
    expect(result).toMatchObject({ ok: false, reason: 'stale-trust-list' });
  });

  it('refuses a message from a client holding no key, and one whose key the list does not have (or has dropped)', () => {
    const unsigned = { ...received(), headers: {} };
    expect(verifyMessage(unsigned, policy)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const stranger = generateSigningKeyPair();
    expect(verifyMessage(received({ signer: stranger, keyId: 'registry-office-11-z' }), policy)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const dropped = nextTrustList(doc, {
      issuedAt: new Date('2026-11-20T00:00:00Z'),
      nextUpdateBy: new Date('2026-12-20T00:00:00Z'),
      remove: ['registry-office-11-a'],
    });
    const v2 = parseAndVerifyTrustList(serializeTrustList(signTrustList(dropped, root.privateKey)), root.publicKey);
    expect(verifyMessage(received(), { ...policy, trustList: v2 })).toMatchObject({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a key outside its validity at the message time', () => {
    expect(verifyMessage(received({ signer: retired, keyId: 'registry-office-11-old' }), policy)).toMatchObject({ ok: false, reason: 'expired-key' });
    // Back-dated into the old key's validity: the key passes, the clock window does not.
    const backdated = received({ signer: retired, keyId: 'registry-office-11-old', occurredAt: '2026-11-05T00:00:00.000Z' });
    expect(verifyMessage(backdated, policy)).toMatchObject({ ok: false, reason: 'clock-skew' });
  });

  it("refuses a message signed by another province's key, whatever the envelope claims", () => {
    const other = received({ signer: registry12, keyId: 'registry-office-12-a' });
    expect(verifyMessage(other, policy)).toMatchObject({ ok: false, reason: 'not-allowed', detail: expect.stringContaining('registry-office 12') });
  });

  it('refuses a tampered byte, a message replayed onto another topic, and a missing signature', () => {
    const m = received();
    const tampered = Buffer.from(m.value as Buffer);
    tampered[tampered.length - 3] ^= 1;
    expect(verifyMessage({ ...m, value: tampered }, policy)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyMessage({ ...m, topic: topics.receivingDecisions('45') }, policy)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyMessage({ ...m, key: Buffer.from('110101199003074579') }, policy)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyMessage({ ...m, headers: { 'x-key-id': 'registry-office-11-a' } }, policy)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses a type the sender may not send, or a topic it may not send it to, though the signature is good', () => {
    const fromOffice = received({ signer: office44, keyId: 'receiving-office-44-a', source: { province: '44', service: 'receiving-office' } });
    expect(verifyMessage(fromOffice, policy)).toMatchObject({
      ok: false,
      reason: 'not-allowed',
      detail: expect.stringContaining('may not send ApplicationSignedOff'),
    });
    expect(verifyMessage(received({ topic: topics.registryCards('44') }), policy)).toMatchObject({ ok: false, reason: 'not-allowed' });
  });

  it('refuses an occurredAt outside the window around the receiver clock, each way', () => {
    expect(verifyMessage(received({ occurredAt: '2026-11-22T08:01:06.000Z' }), policy)).toMatchObject({ ok: false, reason: 'clock-skew' });
    expect(verifyMessage(received({ occurredAt: '2026-11-22T08:01:04.000Z' }), policy).ok).toBe(true);
    expect(verifyMessage(received({ occurredAt: '2026-11-22T07:00:04.000Z' }), policy)).toMatchObject({ ok: false, reason: 'clock-skew' });
    expect(verifyMessage(received({ occurredAt: '2026-11-22T08:00:00.000Z' }), { ...policy, allowedSkew: 1000 })).toMatchObject({ reason: 'clock-skew' });
    expect(verifyMessage(received({ occurredAt: 'yesterday' }), policy)).toMatchObject({ ok: false, reason: 'clock-skew' });
  });

  it('keeps reasons to a bounded set, and details free of the Kafka key (an ID number) and the payload', () => {
    const m = received();
    const failures = [
      verifyMessage({ ...m, headers: {} }, policy),
      verifyMessage(received({ signer: retired, keyId: 'registry-office-11-old' }), policy),
      verifyMessage(received({ signer: registry12, keyId: 'registry-office-12-a' }), policy),
      verifyMessage({ ...m, key: Buffer.from('110101199003074579') }, policy),
      verifyMessage(received({ topic: topics.registryCards('44') }), policy),
      verifyMessage(received({ occurredAt: '2026-11-22T09:00:00.000Z' }), policy),
    ];
    for (const result of failures) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(VERIFICATION_FAILURES).toContain(result.reason);
      expect(result.detail).not.toMatch(/1101011990030745|R44-20261122-000001|automatic/);
    }
  });

  it("leaves to the receiver's records what no payload says: which registry is the application's home", () => {
    // Registry 12 signing as itself passes every check here; the receiving office must compare the source with the
    // home province it recorded for R44-20261122-000001 (the access-rights rule's note says so).
    const asItself = received({ signer: registry12, keyId: 'registry-office-12-a', source: { province: '12', service: 'registry-office' } });
    expect(verifyMessage(asItself, policy)).toMatchObject({ ok: true, key: { province: '12' } });
  });
});
