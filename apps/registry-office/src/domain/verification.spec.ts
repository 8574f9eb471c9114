import { holderDigest } from '@idcard/contracts';
import { homeRegistryToTell, VERIFIER_TEXT_MAX, verifierAsTold, verifyCard, VerificationRecord } from './verification';

const serial = 'P44202611220000001';
const digest = holderDigest(serial, '11010519491231002X', '王芳');
const record: VerificationRecord = { holderDigest: digest, validUntil: '2046-11-22', invalidReason: null, homeProvince: '44' };
const today = '2026-12-01';

describe('verifyCard', () => {
  it('answers valid for a known card presented with its holder', () => {
    expect(verifyCard(record, digest, today)).toEqual({ result: 'valid' });
    expect(verifyCard({ ...record, validUntil: null }, digest, today)).toEqual({ result: 'valid' });
  });

  it('answers unknown for a card no province announced', () => {
    expect(verifyCard(null, digest, today)).toEqual({ result: 'invalid', reason: 'unknown' });
  });

  it('answers mismatch before anything else, so a stranger learns nothing of the card', () => {
    const other = holderDigest(serial, '11010519491231002X', '王芬');
    expect(verifyCard(record, other, today)).toEqual({ result: 'invalid', reason: 'mismatch' });
    expect(verifyCard({ ...record, invalidReason: 'lost' }, other, today)).toEqual({ result: 'invalid', reason: 'mismatch' });
  });

  it('answers why an invalidated card is invalid; a voided temporary card as unknown', () => {
    expect(verifyCard({ ...record, invalidReason: 'lost' }, digest, today)).toEqual({ result: 'invalid', reason: 'lost' });
    expect(verifyCard({ ...record, invalidReason: 'replaced' }, digest, today)).toEqual({ result: 'invalid', reason: 'replaced' });
    expect(verifyCard({ ...record, invalidReason: 'expired' }, digest, today)).toEqual({ result: 'invalid', reason: 'expired' });
    expect(verifyCard({ ...record, invalidReason: 'voided' }, digest, today)).toEqual({ result: 'invalid', reason: 'unknown' });
  });

  it('answers expired the day after the last valid day, before any sweep has said so', () => {
    expect(verifyCard({ ...record, validUntil: today }, digest, today)).toEqual({ result: 'valid' });
    expect(verifyCard({ ...record, validUntil: '2026-11-30' }, digest, today)).toEqual({ result: 'invalid', reason: 'expired' });
  });

  it('answers an invalidation that came before the issuance with its reason, and never as valid', () => {
    expect(verifyCard({ holderDigest: null, validUntil: null, invalidReason: 'lost', homeProvince: null }, digest, today)).toEqual({
      result: 'invalid',
      reason: 'lost',
    });
  });
});

describe('homeRegistryToTell', () => {
  it("tells another province's card's home registry of every answer about it, mismatch and invalid ones alike", () => {
    expect(homeRegistryToTell(record, '11')).toBe('44');
    expect(homeRegistryToTell({ ...record, invalidReason: 'lost' }, '65')).toBe('44');
    expect(homeRegistryToTell({ ...record, invalidReason: 'voided' }, '65')).toBe('44');
  });

  it('tells nobody of a card no registry announced (unknown: no holder), nor of one of its own province', () => {
    expect(homeRegistryToTell(null, '11')).toBeNull();
    expect(homeRegistryToTell({ holderDigest: null, validUntil: null, invalidReason: 'lost', homeProvince: null }, '11')).toBeNull();
    expect(homeRegistryToTell(record, '44')).toBeNull();
  });
});

describe('verifierAsTold', () => {
  it('passes a usual client through as it is', () => {
    expect(verifierAsTold({ name: '工商银行核查', subject: 'verifier-icbc-0001' })).toEqual({
      verifierName: '工商银行核查',
      verifierSubject: 'verifier-icbc-0001',
    });
  });

  it('keeps a long name and subject within the bounds, by characters, one value per subject', () => {
    const told = verifierAsTold({ name: '银'.repeat(300), subject: 'x'.repeat(300) });
    expect([...told.verifierName]).toHaveLength(VERIFIER_TEXT_MAX);
    expect(told.verifierSubject).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifierAsTold({ name: 'a', subject: 'x'.repeat(300) }).verifierSubject).toBe(told.verifierSubject);
    expect(verifierAsTold({ name: '  ', subject: 'client-7' }).verifierName).toBe('client-7');
  });
});
