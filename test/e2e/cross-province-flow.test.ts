import { feeFor, ProvinceCode } from '@idcard/contracts';
import { uniqueDatabaseName } from '@idcard/database';
import { photoFields, SyntheticCitizen, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';
import { Actors } from '../../scripts/actors';
import { call } from '../../scripts/demo-http';
import { RunningSystem, startSystem } from '../../scripts/system';
import { TestInfrastructure, testInfrastructure } from '../support/test-infrastructure';
import { waitFor } from '@idcard/testing';

const SEED = 3;
const REGISTER = 40;

function application(c: SyntheticCitizen, residence: ProvinceCode, extra: Record<string, unknown> = {}) {
  return {
    kind: 'renewal',
    citizen: { idNumber: c.idNumber, name: c.name, sex: c.sex, birthDate: c.birthDate, ethnicGroup: c.ethnicGroup },
    receivingOfficeCode: `${residence}010601`,
    photo: { jpegBase64: photoFields().jpegBase64 },
    fingerprints: syntheticFingerprints(1),
    feePaidYuan: feeFor('renewal'),
    residenceDeclaration: { address: `${residence} 某区某街道 8 号`, declaredAt: '2026-11-01T08:00:00+08:00' },
    delivery: { method: 'counter' },
    expedited: false,
    ...extra,
  };
}

/** The whole flow across provinces: receiving office → home registry → production centre → receiving office. */
describe('cross-province ID card flow (system test)', () => {
  let infra: TestInfrastructure;
  let system: RunningSystem;
  const citizens = { '44': syntheticCitizens('44', REGISTER, SEED), '65': syntheticCitizens('65', REGISTER, SEED) };
  const adult = (p: '44' | '65', pred: (c: SyntheticCitizen) => boolean = () => true) => citizens[p].filter((c) => c.birthDate < '2000-01-01' && pred(c));

  beforeAll(async () => {
    infra = await testInfrastructure();
    system = await startSystem({
      provinces: ['44', '65'],
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      databaseNamespace: infra.databaseUrl ? uniqueDatabaseName('e2e') : undefined,
      logLevels: [],
      env: { PRODUCTION_INTERVAL_MS: '100', SHIPMENT_MAX_WAIT_MS: '300' },
      maxWaitTimeInMs: 100,
    });
    for (const p of ['44', '65']) {
      const seeded = await callAt('registry-office', p, 'POST', `/register/seed`, { count: REGISTER, seed: SEED });
      expect(seeded.status).toBeLessThan(300);
    }
  }, 120_000);

  /** A call as the person who makes it there: a clerk of the province's test office, the registry's staff, the centre's operator. */
  const callAt = async (
    service: 'registry-office' | 'receiving-office' | 'production-center',
    province: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const actors = new Actors(system.issuer);
    const token =
      service === 'receiving-office'
        ? await actors.clerk(`${province}010601`)
        : service === 'production-center'
          ? await actors.operator(province)
          : path.startsWith('/register')
            ? await actors.registerAdmin(province)
            : await actors.reviewer(province);
    return call(method, `${system.url(service, province)}${path}`, body, token);
  };

  afterAll(async () => {
    await system?.stop();
    await infra?.dispose();
  });

  const lookup = (residence: string, receipt: string) => callAt('receiving-office', residence, 'GET', `/applications/${receipt}`);
  const statusOf = async (residence: string, receipt: string, wanted: string) => {
    const res = await lookup(residence, receipt);
    return res.body?.status === wanted ? res.body : null;
  };

  it('takes a Guangdong citizen living in Xinjiang from the counter to the card in hand, and invalidates the old card', async () => {
    const citizen = adult('44', (c) => c.ethnicGroup === '01')[0];
    const submitted = await callAt('receiving-office', '65', 'POST', `/applications`, application(citizen, '65'));
    expect(submitted.status).toBe(201);
    const receipt = submitted.body.receiptNumber;
    expect(submitted.body.daysLeft).toBe(60);

    const shipped = await waitFor('the card to be shipped', () => statusOf('65', receipt, 'shipped'));
    const manifest = await callAt('receiving-office', '65', 'GET', `/shipments/${shipped.card.shipmentId}`);
    expect(manifest.status).toBe(200);
    expect(JSON.stringify(manifest.body)).toContain(shipped.card.serial);

    const early = await callAt('receiving-office', '65', 'POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber });
    expect(early.status).toBe(409);

    const arrived = await callAt('receiving-office', '65', 'POST', `/shipments/${shipped.card.shipmentId}/arrivals`, {
      cardSerial: shipped.card.serial,
    });
    expect(arrived.status).toBe(200);
    const notified = await waitFor('the SMS', async () => {
      const res = await callAt('receiving-office', '65', 'GET', `/applications/${receipt}/notifications`);
      return Array.isArray(res.body) && res.body.length > 0 ? res.body : null;
    });
    expect(JSON.stringify(notified)).not.toContain(citizen.idNumber);

    const handed = await callAt('receiving-office', '65', 'POST', `/applications/${receipt}/handover`, { idNumber: citizen.idNumber });
    expect(handed.status).toBe(200);
    const final = (await lookup('65', receipt)).body;
    expect(final.status).toBe('handed_over');
    expect(final.timeline.map((s: { step: string }) => s.step)).toEqual(
      expect.arrayContaining(['submitted', 'signed_off', 'shipped', 'arrived', 'handed_over']),
    );

    const cards = await waitFor('the new card at the home registry', async () => {
      const res = await callAt('registry-office', '44', 'GET', `/register/citizens/${citizen.idNumber}/cards`);
      const list = Array.isArray(res.body) ? res.body : res.body?.cards;
      return list?.some((c: { cardSerial?: string; serial?: string }) => (c.cardSerial ?? c.serial) === shipped.card.serial) ? list : null;
    });
    const valid = cards.filter((c: { status: string }) => c.status === 'valid');
    expect(valid).toHaveLength(1);
    expect(valid[0].cardSerial ?? valid[0].serial).toBe(shipped.card.serial);
    expect(cards.some((c: { status: string }) => c.status === 'invalidated')).toBe(true);
  });

  it('forwards a card with a script Guangdong cannot print to Xinjiang, which ships it back to the Guangdong office', async () => {
    const uyghur = adult('65', (c) => c.ethnicGroup === '05')[0];
    expect(uyghur).toBeDefined();
    const submitted = await callAt('receiving-office', '44', 'POST', `/applications`, application(uyghur, '44'));
    expect(submitted.status).toBe(201);
    const shipped = await waitFor('the forwarded card to be shipped', () => statusOf('44', submitted.body.receiptNumber, 'shipped'));
    const manifest = await callAt('receiving-office', '44', 'GET', `/shipments/${shipped.card.shipmentId}`);
    expect(manifest.body.producedBy ?? manifest.body.produced_by).toBe('65');
    expect(manifest.body.receivingOfficeCode).toBe('44010601');
  });

  it('rejects a second application in flight from another province, naming the first, and issues only one card', async () => {
    const citizen = adult('44', (c) => c.ethnicGroup === '01')[1];
    const cardsAtHome = async (): Promise<{ cardSerial?: string; serial?: string; status: string }[]> => {
      const res = await callAt('registry-office', '44', 'GET', `/register/citizens/${citizen.idNumber}/cards`);
      expect(res.status).toBe(200);
      return Array.isArray(res.body) ? res.body : res.body.cards;
    };
    const serialOf = (c: { cardSerial?: string; serial?: string }) => c.cardSerial ?? c.serial;
    const before = new Set((await cardsAtHome()).map(serialOf));
    const first = await callAt('receiving-office', '65', 'POST', `/applications`, application(citizen, '65'));
    const second = await callAt('receiving-office', '44', 'POST', `/applications`, application(citizen, '44'));
    expect([first.status, second.status]).toEqual([201, 201]);
    const outcomes = await waitFor('both decisions', async () => {
      const a = (await lookup('65', first.body.receiptNumber)).body;
      const b = (await lookup('44', second.body.receiptNumber)).body;
      return a.status !== 'submitted' && b.status !== 'submitted' ? [a, b] : null;
    });
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].rejection.reasonCode).toBe('DUPLICATE_IN_FLIGHT');
    const other = outcomes.find((o) => o.status !== 'rejected')!;
    expect(rejected[0].rejection.inFlightReceiptNumber).toBe(other.receiptNumber);

    // The one card, as the home registry records it: made, shipped and recorded, the only valid card and the only new one.
    const residence = other.receiptNumber === first.body.receiptNumber ? '65' : '44';
    const shipped = await waitFor('the accepted application shipped', () => statusOf(residence, other.receiptNumber, 'shipped'));
    const cards = await waitFor('the card recorded at the home registry', async () => {
      const list = await cardsAtHome();
      return list.some((c) => serialOf(c) === shipped.card.serial) && list;
    });
    const added = cards.filter((c) => !before.has(serialOf(c)));
    expect(added.map(serialOf)).toEqual([shipped.card.serial]);
    expect(cards.filter((c) => c.status === 'valid').map(serialOf)).toEqual([shipped.card.serial]);
    expect((await lookup(residence === '65' ? '44' : '65', rejected[0].receiptNumber)).body.status).toBe('rejected');
  });
});
