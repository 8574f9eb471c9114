import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdjustableClock } from '@idcard/clock';
import { topics } from '@idcard/contracts';
import { RecordedMessage, ServiceUnderTest, TestKeys, waitFor } from '@idcard/testing';
import {
  generateSigningKeyPair,
  nextTrustList,
  privateKeyPem,
  readKeyFiles,
  readRootPrivateKey,
  readServiceKey,
  serviceKeyId,
  ServiceTrust,
  signTrustList,
  TrustListKeyInput,
  writeTrustList,
} from '@idcard/trust';
import { applicationFor, decisionOn, HOME, REMOTE, startRegistry, submit, unusedCitizen } from './fixtures';

const DAY = 86_400_000;

/**
 * Key rotation and revocation without downtime, end to end: the registry holds its old key and a new one, the
 * national list adds the new key and later drops old ones, every service picks each list up live, messages signed
 * by a dropped key are refused from then on, and what was applied before stays applied.
 */
describe('key rotation and revocation', () => {
  const keys = TestKeys.forThisSuite();
  const fresh = generateSigningKeyPair();
  const freshId = serviceKeyId('registry-office', HOME, fresh.publicKey);
  const freshFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rotation-')), 'registry-office-44-next.key');
  fs.writeFileSync(freshFile, privateKeyPem(fresh.privateKey), { mode: 0o600 });
  const oldId = readServiceKey(keys.dir, 'registry-office', HOME).keyId;
  const officeKeyId = readServiceKey(keys.dir, 'receiving-office', REMOTE).keyId;
  let registry: ServiceUnderTest;
  /** Beijing's receiving office, as the registry's decisions reach it: it checks them with its own copy of the list. */
  let office: ServiceTrust;

  /** The next list, signed by the national root and published where every service reads it. */
  const publish = (change: { add?: TrustListKeyInput[]; remove?: string[] }) => {
    const now = registry.clock.now();
    const next = nextTrustList(readKeyFiles(keys.dir).trustList.document, { issuedAt: now, nextUpdateBy: new Date(now.getTime() + 30 * DAY), ...change });
    return writeTrustList(keys.dir, signTrustList(next, readRootPrivateKey(keys.dir))).version;
  };
  const readyWithList = (version: number) =>
    waitFor(`the registry to take trust list version ${version}`, async () => {
      const ready = await registry.http('GET', '/health/ready');
      return ready.status === 200 && ready.body.info.trustList.version === version && ready.body.info.trustList;
    });
  const acceptedByOffice = (decision: RecordedMessage) =>
    office.verify({
      topic: decision.topic,
      key: decision.key,
      value: Buffer.from(decision.raw),
      headers: decision.headers,
      envelope: decision.envelope!,
    });

  beforeAll(async () => {
    registry = await startRegistry({
      trust: (k, clock) => k.trustFor({ service: 'registry-office', province: HOME }, clock, [freshFile]),
      trustReloadIntervalMs: 50,
    });
    office = await keys.trustFor({ service: 'receiving-office', province: REMOTE }, new AdjustableClock());
  });
  afterAll(() => registry?.stop());

  it('signs with its old key while the list knows only that one', async () => {
    const a = applicationFor(registry, unusedCitizen(registry));
    await submit(registry, a);
    const decision = await decisionOn(registry, a.receiptNumber);
    expect(decision.envelope!.type).toBe('ApplicationSignedOff');
    expect(decision.headers['x-key-id']).toBe(oldId);
    expect(acceptedByOffice(decision)).toMatchObject({ ok: true });
  });

  it('signs with the new key as soon as a list adds it, and receivers that reload accept it', async () => {
    const now = registry.clock.now();
    const version = publish({
      add: [
        {
          keyId: freshId,
          service: 'registry-office',
          province: HOME,
          publicKey: fresh.publicKey,
          validFrom: now,
          validUntil: new Date(now.getTime() + 365 * DAY),
        },
      ],
    });
    expect(await readyWithList(version)).toMatchObject({ signingKeyId: freshId });

    const b = applicationFor(registry, unusedCitizen(registry));
    await submit(registry, b);
    const decision = await decisionOn(registry, b.receiptNumber);
    expect(decision.headers['x-key-id']).toBe(freshId);
    // An office still on the old list does not know the new key yet; once it reloads, it does.
    expect(acceptedByOffice(decision)).toMatchObject({ ok: false, reason: 'unknown-key' });
    expect(await office.reload()).toMatchObject({ outcome: 'replaced', to: version });
    expect(acceptedByOffice(decision)).toMatchObject({ ok: true });
  });

  it('refuses what a dropped key signs from then on, and keeps what it applied before', async () => {
    const before = applicationFor(registry, unusedCitizen(registry));
    await submit(registry, before);
    await decisionOn(registry, before.receiptNumber);

    // Beijing's office key is revoked (compromised, say), and the registry's old key retired, in one list.
    const version = publish({ remove: [officeKeyId, oldId] });
    expect(await readyWithList(version)).toMatchObject({ signingKeyId: freshId });

    const after = applicationFor(registry, unusedCitizen(registry));
    await submit(registry, after);
    const dlq = `${topics.registryApplications(HOME)}.dlq`;
    const dead = await waitFor('the refused application', () => registry.log.on(dlq).find((m) => m.envelope?.correlationId === after.receiptNumber));
    expect(dead.headers['x-dead-letter-reason']).toMatch(/^unknown-key: /);
    expect((await registry.http('GET', `/applications/${after.receiptNumber}`)).status).toBe(404);
    const metrics = await (await fetch(`${registry.url}/metrics`)).text();
    expect(metrics).toMatch(/idcard_rejected_messages_total\{[^}]*reason="unknown-key"[^}]*\} 1/);

    for (const applied of [before.receiptNumber]) {
      expect((await registry.http('GET', `/applications/${applied}`)).body).toMatchObject({ state: 'signed_off' });
    }
  });
});
