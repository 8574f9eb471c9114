import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { topics } from '@idcard/contracts';
import { generateKeyFiles, keyFilePaths, readRootPrivateKey, serviceKeyId } from './key-files';
import { generateSigningKeyPair, privateKeyPem, publicKeyOf, signatureHeaders } from './signing';
import { ServiceTrust, ServiceTrustOptions } from './service-trust';
import { nextTrustList, serializeTrustList, signTrustList } from './trust-list';

const DAY = 86_400_000;
const T0 = new Date('2026-12-01T00:00:00Z');

describe('ServiceTrust', () => {
  let dir: string;
  let now: Date;
  const paths = () => keyFilePaths(dir);
  const options = (over: Partial<ServiceTrustOptions> = {}): ServiceTrustOptions => ({
    identity: { service: 'registry-office', province: '44' },
    signingKeys: [fs.readFileSync(paths().service('registry-office', '44').key, 'utf8')],
    trustListSource: paths().trustList,
    rootPublicKeys: [fs.readFileSync(paths().rootPub, 'utf8')],
    allowedSkew: { pastMs: DAY, futureMs: 60_000 },
    now: () => now,
    ...over,
  });
  /** Publishes the next list, as a key ceremony does. */
  const publish = (change: Parameters<typeof nextTrustList>[1]) => {
    const current = JSON.parse(fs.readFileSync(paths().trustList, 'utf8'));
    const signed = signTrustList(nextTrustList(current.document, change), readRootPrivateKey(dir));
    fs.writeFileSync(paths().trustList, serializeTrustList(signed));
  };

  beforeEach(() => {
    now = T0;
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'service-trust-')), 'keys');
    generateKeyFiles(dir, {
      services: [
        { service: 'registry-office', province: '44' },
        { service: 'receiving-office', province: '11' },
      ],
      now: T0,
      listValidityMs: 30 * DAY,
    });
  });

  it('signs with its key, and a receiver holding the same list accepts what it signed', async () => {
    const registry = await ServiceTrust.load(options());
    const value = Buffer.from(JSON.stringify({ receiptNumber: 'R11-X-0001' }));
    const topic = topics.receivingDecisions('11');
    const signature = registry.sign({ topic, key: 'k', value });
    expect(registry.status()).toMatchObject({ version: 1, stale: false, signingKeyId: signature.keyId });
    const office = await ServiceTrust.load(
      options({
        identity: { service: 'receiving-office', province: '11' },
        signingKeys: [fs.readFileSync(paths().service('receiving-office', '11').key, 'utf8')],
      }),
    );
    const received = {
      topic,
      key: 'k',
      value,
      headers: signatureHeaders(signature),
      envelope: {
        source: { province: '44', service: 'registry-office' },
        type: 'ApplicationSignedOff',
        occurredAt: now.toISOString(),
        payload: { receiptNumber: 'R11-X-0001' },
      },
    };
    expect(office.verify(received)).toMatchObject({ ok: true, key: { keyId: signature.keyId } });
    expect(office.verify({ ...received, value: Buffer.from(JSON.stringify({ receiptNumber: 'R11-X-0002' })) })).toMatchObject({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses to start without a list that verifies, with a stale list, or without a key the list holds', async () => {
    await expect(ServiceTrust.load(options({ rootPublicKeys: [generateSigningKeyPair().publicKey] }))).rejects.toThrow();
    now = new Date(T0.getTime() + 31 * DAY);
    await expect(ServiceTrust.load(options())).rejects.toThrow(/needed replacing/);
    now = T0;
    await expect(ServiceTrust.load(options({ signingKeys: [generateSigningKeyPair().privateKey] }))).rejects.toThrow(/none of the 1 signing key/);
  });

  it('rotates without downtime: holds a new key and the old, signs with the new once a list holds it, and stops at revocation', async () => {
    const oldKey = fs.readFileSync(paths().service('registry-office', '44').key, 'utf8');
    const fresh = generateSigningKeyPair();
    const freshId = serviceKeyId('registry-office', '44', fresh.publicKey);
    const trust = await ServiceTrust.load(options({ signingKeys: [oldKey, privateKeyPem(fresh.privateKey)] }));
    const oldId = trust.status().signingKeyId!;
    expect(oldId).not.toBe(freshId);

    now = new Date(T0.getTime() + DAY);
    publish({
      issuedAt: now,
      nextUpdateBy: new Date(now.getTime() + 30 * DAY),
      add: [
        {
          keyId: freshId,
          service: 'registry-office',
          province: '44',
          publicKey: publicKeyOf(fresh.privateKey),
          validFrom: now,
          validUntil: new Date(now.getTime() + 365 * DAY),
        },
      ],
    });
    expect(await trust.reload()).toEqual({ outcome: 'replaced', from: 1, to: 2 });
    expect(trust.sign({ topic: 't', key: null, value: Buffer.from('x') }).keyId).toBe(freshId);

    publish({ issuedAt: now, nextUpdateBy: new Date(now.getTime() + 30 * DAY), remove: [oldId] });
    expect(await trust.reload()).toMatchObject({ outcome: 'replaced', to: 3 });
    expect(trust.trustList.entry(oldId)).toBeUndefined();
    expect(await trust.reload()).toEqual({ outcome: 'unchanged' });
  });

  it('keeps the list in force when the source offers garbage or an older version, and says why', async () => {
    const trust = await ServiceTrust.load(options());
    const first = fs.readFileSync(paths().trustList, 'utf8');
    publish({ issuedAt: now, nextUpdateBy: new Date(now.getTime() + 30 * DAY) });
    expect(await trust.reload()).toMatchObject({ outcome: 'replaced', to: 2 });
    fs.writeFileSync(paths().trustList, first);
    expect(await trust.reload()).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('not newer') });
    fs.writeFileSync(paths().trustList, '{ not json');
    expect(await trust.reload()).toMatchObject({ outcome: 'refused' });
    expect(trust.status()).toMatchObject({ version: 2, lastReloadProblem: expect.stringContaining('JSON') });
  });

  it('says the list is stale once its next-update time has passed', async () => {
    const trust = await ServiceTrust.load(options());
    now = new Date(T0.getTime() + 30 * DAY);
    expect(trust.status().stale).toBe(true);
  });
});
