import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProvinceCode } from '@idcard/contracts';
import { uniqueDatabaseName } from '@idcard/database';
import { waitFor } from '@idcard/testing';
import { Actors } from '../../scripts/actors';
import { call } from '../../scripts/demo-http';
import { planApplications, REGISTER_SEED, registerSizeFor } from '../../scripts/demo-plan';
import { startSystem, SystemOptions } from '../../scripts/system';
import { AcceptedReceipt, verdictOf } from '../../scripts/verdict';
import { TestInfrastructure, testInfrastructure } from '../support/test-infrastructure';

const PROVINCES: ProvinceCode[] = ['44', '65'];
const APPLICATIONS = 12;

/**
 * A stop (npm start's Ctrl-C, all services at once: each one's consumers leave while its relays finish the batch in
 * hand) with applications in flight between provinces, then a start on the same servers and keys: every application
 * goes on to the card in hand, none is lost, none applied twice, no citizen holds two cards.
 */
describe('a stop with applications in flight (system test)', () => {
  let infra: TestInfrastructure;
  let dataDir: string;

  beforeAll(async () => {
    infra = await testInfrastructure();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stop-mid-flight-'));
    // As root, the embedded PostgreSQL runs as the postgres user, which must be able to enter the directory.
    fs.chmodSync(dataDir, 0o755);
  }, 120_000);

  afterAll(async () => {
    await infra?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: after the next start every application is issued exactly once', async () => {
    const options: SystemOptions = {
      provinces: PROVINCES,
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      databaseNamespace: infra.databaseUrl ? uniqueDatabaseName('midflight') : undefined,
      // The keys and trust list of the first run, so what it signed still verifies after the restart (and, on the
      // embedded default, its PostgreSQL cluster and broker logs).
      dataDir,
      logLevels: [],
      env: { PRODUCTION_INTERVAL_MS: '100', SHIPMENT_MAX_WAIT_MS: '300' },
      maxWaitTimeInMs: 100,
    };
    // The automatic path only: no reviewer to play, every application ends with a card.
    const plan = planApplications(APPLICATIONS * 3, PROVINCES, new Date())
      .filter((a) => a.expected === 'issued' && a.scenario !== 'ethnicity-change')
      .slice(0, APPLICATIONS);
    expect(plan.length).toBe(APPLICATIONS);
    expect(plan.some((a) => a.residence !== a.home)).toBe(true);

    const first = await startSystem(options);
    const accepted: AcceptedReceipt[] = [];
    const officeOf = new Map<string, string>();
    let unfinishedAtStop = 0;
    try {
      const actors = new Actors(first.issuer);
      for (const p of PROVINCES) {
        const seeded = await call(
          'POST',
          `${first.url('registry-office', p)}/register/seed`,
          { count: registerSizeFor(APPLICATIONS * 3, PROVINCES.length), seed: REGISTER_SEED },
          await actors.registerAdmin(p),
        );
        expect(seeded.status).toBeLessThan(300);
      }
      for (const a of plan) {
        const res = await call('POST', `${first.url('receiving-office', a.residence)}/applications`, a.body, await actors.clerk(a.office));
        expect(res.status).toBe(201);
        accepted.push({ receipt: res.body.receiptNumber, residence: a.residence, home: a.home, idNumber: a.idNumber, expected: 'issued' });
        officeOf.set(res.body.receiptNumber, a.office);
      }
      for (const r of accepted) {
        const res = await call(
          'GET',
          `${first.url('receiving-office', r.residence)}/applications/${r.receipt}`,
          undefined,
          await actors.clerk(officeOf.get(r.receipt)!),
        );
        if (res.body?.status !== 'shipped') unfinishedAtStop++;
      }
    } finally {
      await first.stop();
    }
    // What this test is about: the stop met applications on their way between the services.
    expect(unfinishedAtStop).toBeGreaterThan(0);

    const second = await startSystem(options);
    try {
      const actors = new Actors(second.issuer);
      for (const r of accepted) {
        const clerk = await actors.clerk(officeOf.get(r.receipt)!);
        const office = second.url('receiving-office', r.residence);
        const shipped = await waitFor(
          `${r.receipt} to be shipped after the restart`,
          async () => {
            const res = await call('GET', `${office}/applications/${r.receipt}`, undefined, clerk);
            return res.body?.status === 'shipped' ? res.body : null;
          },
          90_000,
        );
        expect((await call('POST', `${office}/shipments/${shipped.card.shipmentId}/arrivals`, { cardSerial: shipped.card.serial }, clerk)).status).toBeLessThan(
          300,
        );
        expect((await call('POST', `${office}/applications/${r.receipt}/handover`, { idNumber: r.idNumber }, clerk)).status).toBe(200);
      }
      const verdict = await verdictOf(second, accepted, { settleMs: 5000 });
      expect({ issued: verdict.issued, lost: verdict.lost, duplicatesIssued: verdict.duplicatesIssued, appliedTwice: verdict.appliedTwice }).toEqual({
        issued: APPLICATIONS,
        lost: 0,
        duplicatesIssued: 0,
        appliedTwice: 0,
      });
    } finally {
      await second.stop();
    }
  }, 300_000);
});
