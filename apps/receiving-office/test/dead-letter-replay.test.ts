import { consumerGroup, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { runOpsCommand } from '@idcard/ops';
import { ServiceUnderTest, waitFor } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const DECISIONS = topics.receivingDecisions(R);

/**
 * Issue 14, point 6: `npm run ops -- dlq list` shows what is parked and why, and `dlq replay` puts it back on its
 * topic once the cause is fixed; replaying twice applies nothing twice (the inbox claims each message id once).
 */
describe('npm run ops -- dlq', () => {
  let office: ServiceUnderTest;
  const [citizen] = citizensOf(HOME, 1, 51);

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
      actorFor: receivingOfficeActors(officeOf(R)),
    });
  }, 60_000);
  afterAll(() => office?.stop(), 30_000);

  async function ops(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const env = { KAFKA_BROKERS: office.kafka.brokers.join(',') };
    const code = await runOpsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env, now: () => office.clock.now() });
    return { code, out, err };
  }

  /** Resolves once the office's consumer group has committed everything now on the decisions topic. */
  async function consumedToEnd(): Promise<void> {
    const admin = office.kafkaClient.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(DECISIONS);
      await waitFor('the decisions consumed to their end', async () => {
        const [committed] = await admin.fetchOffsets({ groupId: consumerGroup('receiving-office', R), topics: [DECISIONS] });
        const at = (partition: number) => BigInt(committed.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
        return ends.every((e) => e.high === e.low || at(e.partition) >= BigInt(e.high));
      });
    } finally {
      await admin.disconnect();
    }
  }

  const steps = async (receipt: string) => (await office.sql(`SELECT * FROM application_step WHERE receipt_number = $1`, [receipt])).length;

  it('lists a parked message with its reason, replays it once its cause is fixed, and a second replay changes nothing', async () => {
    const submitted = await office.http('POST', '/applications', applicationForm(citizen, R));
    expect(submitted.status).toBe(201);
    const receipt: string = submitted.body.receiptNumber;

    // Signed an hour ahead of the office's clock (the registry's clock was wrong, or ours): parked as clock-skew.
    const ahead = new Date(office.clock.now().getTime() + 3600_000);
    const signedOff = newEnvelope(
      MessageType.ApplicationSignedOff,
      { receiptNumber: receipt, productionProvince: R, reviewedBy: 'automatic', signedOffAt: ahead.toISOString() },
      { source: { province: HOME, service: 'registry-office' }, correlationId: receipt, now: ahead },
    );
    await office.send(DECISIONS, citizen.idNumber, signedOff);
    await office.send(DECISIONS, citizen.idNumber, '{"messageId": "truncated'); // and one that can never be read
    const listed = await waitFor('both parked', async () => {
      const result = await ops('dlq', 'list', '--topic', DECISIONS, '--json');
      const parked = JSON.parse(result.out || '[]') as { messageId: string | null; reason: string; topic: string; type: string | null }[];
      return parked.length === 2 && parked;
    });
    expect(listed[0]).toMatchObject({
      messageId: signedOff.messageId,
      type: 'ApplicationSignedOff',
      topic: DECISIONS,
      reason: expect.stringMatching(/^clock-skew: /),
    });
    expect(listed[1]).toMatchObject({ messageId: null, reason: expect.any(String) });
    const table = await ops('dlq', 'list');
    expect(table.code).toBe(0);
    expect(table.out).toContain(signedOff.messageId);
    expect(table.out).toMatch(/clock-skew/);
    expect((await ops('dlq', 'list', '--topic', DECISIONS, '--since', '1h')).out).toContain(signedOff.messageId);
    expect((await ops('dlq', 'list', '--topic', DECISIONS, '--since', '2099-01-01T00:00:00Z')).out).toMatch(/no parked messages/);
    expect(await steps(receipt)).toBe(1);

    // The cause is fixed (the clocks agree again); the parked decision goes back on its topic and is applied.
    office.clock.advance(3600_000);
    const replay = await ops('dlq', 'replay', '--topic', DECISIONS, '--message-id', signedOff.messageId);
    expect(replay).toMatchObject({ code: 0, out: expect.stringMatching(/^replayed 1 message/) });
    await waitFor('the decision applied', async () => (await office.http('GET', `/applications/${receipt}`)).body?.status === 'in_production');
    await consumedToEnd();
    const afterSignOff = await steps(receipt);
    expect(afterSignOff).toBeGreaterThan(1);

    // Replayed again (an operator ran it twice): claimed already, nothing applied twice.
    expect((await ops('dlq', 'replay', '--topic', DECISIONS, '--message-id', signedOff.messageId)).code).toBe(0);
    await consumedToEnd();
    expect(await steps(receipt)).toBe(afterSignOff);
    expect(await office.sql(`SELECT * FROM inbox_message WHERE message_id = $1`, [signedOff.messageId])).toHaveLength(1);
    const applied = await office.sql(`SELECT count(*)::int AS n FROM message_log WHERE direction = 'applied' AND topic = $1`, [DECISIONS]);
    expect(applied[0].n).toBe(1);
    // Everything replayed: the decision is claimed already, the unreadable one is parked again with its reason.
    expect((await ops('dlq', 'replay', '--topic', DECISIONS)).code).toBe(0);
    await consumedToEnd();
    await waitFor('the unreadable one parked again', async () => JSON.parse((await ops('dlq', 'list', '--topic', DECISIONS, '--json')).out).length === 3);
    expect(await steps(receipt)).toBe(afterSignOff);
  }, 120_000);

  it('says what it needs', async () => {
    expect((await ops('dlq', 'replay')).code).toBe(2);
    expect((await ops('dlq', 'list', '--since', 'yesterday')).code).toBe(2);
    expect((await ops('dlq', 'replay', '--topic', DECISIONS, '--message-id', '00000000-0000-4000-8000-000000000000')).code).toBe(1);
  });
});
