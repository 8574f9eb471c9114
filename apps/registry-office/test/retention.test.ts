import type { ApplicationSubmitted } from '@idcard/contracts';
import { topics } from '@idcard/contracts';
import { RetentionJob } from '@idcard/service-runtime';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { sealedApplication } from '../src/applications/entities/registry-application.entity';
import { applicationFor, startRegistry, submit, unusedCitizen } from './fixtures';

const DAY_MS = 86_400_000;

/**
 * Issue 14, point 7, on the registry office and its adjustable clock: the retention job prunes sent outbox rows after
 * 7 days and applied inbox rows after 31 (longer than any copy of a message is accepted), and purges the photo and
 * fingerprints of finished applications after 90 days, keeping the application's row, state and times.
 */
describe('retention at the registry office', () => {
  let registry: ServiceUnderTest;
  let job: RetentionJob;

  beforeAll(async () => {
    registry = await startRegistry();
    job = registry.service.app.get(RetentionJob, { strict: false });
  }, 60_000);
  afterAll(() => registry?.stop(), 30_000);

  const count = async (sql: string) => (await registry.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0].n;
  const stateOf = async (receipt: string) => (await registry.sql(`SELECT state FROM registry_application WHERE receipt_number = $1`, [receipt]))[0]?.state;
  const storedForm = async (receipt: string) =>
    sealedApplication.from(
      (await registry.sql(`SELECT application FROM registry_application WHERE receipt_number = $1`, [receipt]))[0].application,
    ) as ApplicationSubmitted;

  it('prunes the outbox and the inbox after their periods, purges biometrics of finished applications, and a late copy stays refused', async () => {
    const signedOff = applicationFor(registry, unusedCitizen(registry));
    const citizen = unusedCitizen(registry);
    const rejected = applicationFor(registry, citizen, { citizen: { ...applicationFor(registry, citizen).citizen, name: '名字不符' } });
    const sent = await submit(registry, signedOff);
    await submit(registry, rejected);
    await waitFor(
      'both decided',
      async () => (await stateOf(signedOff.receiptNumber)) === 'signed_off' && (await stateOf(rejected.receiptNumber)) === 'rejected',
    );
    await waitFor('the decisions sent', async () => (await count(`outbox_message WHERE sent_at IS NULL`)) === 0);
    const outbox = await count('outbox_message');
    const inbox = await count('inbox_message');
    expect(outbox).toBeGreaterThan(0);
    expect(inbox).toBeGreaterThanOrEqual(2);

    expect(await job.run()).toEqual({ outbox: 0, inbox: 0, biometrics: 0 });
    registry.clock.advance(7 * DAY_MS + 60_000);
    expect(await job.run()).toEqual({ outbox, inbox: 0, biometrics: 0 });
    expect(await count('outbox_message')).toBe(0);

    registry.clock.advance(24 * DAY_MS);
    expect(await job.run()).toEqual({ outbox: 0, inbox, biometrics: 0 });
    expect(await count('inbox_message')).toBe(0);
    // A copy of a message applied before the inbox forgot it arrives now: older than MESSAGE_MAX_AGE_MS, it is
    // refused before the inbox is asked, so nothing is applied twice.
    await registry.send(topics.registryApplications('44'), signedOff.citizen.idNumber, sent);
    await waitFor('the late copy refused', async () => (await count(`message_log WHERE direction = 'dead-lettered'`)) === 1);
    expect(await count('inbox_message')).toBe(0);
    expect(await stateOf(signedOff.receiptNumber)).toBe('signed_off');

    registry.clock.advance(59 * DAY_MS);
    expect((await job.run()).biometrics).toBe(1);
    const purged = await storedForm(rejected.receiptNumber);
    expect(purged.photo).toEqual({ ...rejected.photo, jpegBase64: '' });
    expect(purged.fingerprints.templates).toEqual([]);
    expect(purged.citizen).toEqual(rejected.citizen);
    expect(await stateOf(rejected.receiptNumber)).toBe('rejected');
    // Still in progress (signed off, no card yet): its photo is what the card will be made from.
    expect((await storedForm(signedOff.receiptNumber)).photo.jpegBase64).toBe(signedOff.photo.jpegBase64);
    expect((await job.run()).biometrics).toBe(0);
  }, 120_000);
});
