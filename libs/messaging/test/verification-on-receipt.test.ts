import { EventPattern, Payload } from '@nestjs/microservices';
import { AdjustableClock } from '@idcard/clock';
import { ApplicationSignedOff, deadLetterTopic, encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { SIGNATURE_HEADERS, signatureHeaders, VERIFICATION_FAILURES, VerificationFailure, verifyChain } from '@idcard/trust';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DEAD_LETTER_HEADERS, InboundMessage, InboxConsumer, OutboxWriter, readMessageLog, readMessageLogHead, verifyMessageLog } from '../src';
import { kafkaClient, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

class CreateSignedOffTable1796100000100 implements MigrationInterface {
  name = 'CreateSignedOffTable1796100000100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_signed_off (receipt_number text PRIMARY KEY, message_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_signed_off`);
  }
}

/** What the receiving office applies: a decision, recorded in the inbox's transaction. */
@InboxConsumer()
class DecisionsConsumer {
  @EventPattern(MessageType.ApplicationSignedOff)
  async signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    await msg.em.query(`INSERT INTO test_signed_off (receipt_number, message_id) VALUES ($1, $2)`, [msg.payload.receiptNumber, msg.envelope.messageId]);
  }
}

/**
 * Guangdong's receiving office (44) receiving decisions through the real broker: only what a registry signed, with a
 * key of the trust list that is its own, for a topic it may send that type to, within the clock window, is applied.
 */
describe('verification on receipt, before anything is applied', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'registry-office-11-old', service: 'registry-office', province: '11' },
    { keyId: 'registry-office-12-a', service: 'registry-office', province: '12' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const trust = new TestTrust(world.list(), world.key('receiving-office-44-a'), clock);
  const decisions = topics.receivingDecisions('44');
  const shipments = topics.receivingShipments('44');
  const warnings = topics.registryApplications('11');
  const rejected: VerificationFailure[] = [];
  const deadLettered: { topic: string; reason: string }[] = [];
  let db: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let producer: Producer;
  let watcher: TopicWatcher;
  let service: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;

  const receipt = (n: number) => `R44-20261122-${String(n).padStart(6, '0')}`;

  /** A decision about application n as the wire carries it, signed by `signer` (as `keyId`) unless unsigned. */
  function decision(
    n: number,
    o: { signer?: string | null; keyId?: string; source?: { service: 'registry-office' | 'receiving-office'; province: string }; occurredAt?: Date } = {},
  ) {
    const envelope = newEnvelope(
      MessageType.ApplicationSignedOff,
      { receiptNumber: receipt(n), productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
      { source: o.source ?? { service: 'registry-office', province: '11' }, correlationId: receipt(n), now: o.occurredAt ?? clock.now() },
    );
    const key = Buffer.from(`1101011990030745${String(n).padStart(2, '0')}`);
    const value = Buffer.from(encodeMessage(envelope));
    const signer = o.signer === undefined ? 'registry-office-11-a' : o.signer;
    const headers = signer === null ? {} : signatureHeaders(world.sign(signer, { topic: decisions, key, value }, o.keyId ?? signer));
    return { key, value, headers };
  }
  const produce = (topic: string, ...messages: { key: Buffer; value: Buffer; headers: Record<string, string> }[]) =>
    producer.send({ topic, acks: -1, messages });
  const applied = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT receipt_number FROM test_signed_off ORDER BY receipt_number`)).map((r: { receipt_number: string }) => r.receipt_number);
  const reasonOf = (n: number) => {
    const parked = watcher.messages.filter((m) => m.topic.endsWith('.dlq') && m.value?.toString().includes(receipt(n)));
    expect(parked).toHaveLength(1);
    return parked[0].headers[DEAD_LETTER_HEADERS.reason];
  };

  const genuineA = decision(1);

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [deadLetterTopic(decisions), deadLetterTopic(shipments), warnings]);
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    service = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust,
      topics: [decisions, shipments],
      controllers: [DecisionsConsumer],
      migrations: [CreateSignedOffTable1796100000100],
      onRejected: (reason) => rejected.push(reason),
      onDeadLetter: (topic, reason) => deadLettered.push({ topic, reason }),
    });
    dataSource = service.dataSource;
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await watcher?.stop();
    await broker?.stop();
    await db?.dispose();
  });

  it('dead-letters what fails a check, with the check named first, counts it and applies only the genuine messages around it', async () => {
    const tampered = decision(6);
    tampered.value = Buffer.from(tampered.value.toString().replace('"automatic"', '"automatiC"'));
    await produce(
      decisions,
      genuineA,
      decision(2, { signer: null }), // (a) a client holding no key
      decision(3, { signer: 'registry-office-12-a' }), // (b) another province's key, for a message in 11's name
      decision(4, { signer: 'registry-office-12-a', keyId: 'registry-office-11-a' }), // (b') 12's key passing as 11's
      decision(5, { signer: 'receiving-office-44-a', source: { service: 'receiving-office', province: '44' } }), // (c) right office, registry's type
      tampered, // (d) one payload byte changed after signing
      decision(7, { signer: 'registry-office-11-old' }), // the old key, still in the list: applied
    );
    await waitFor('two applied, five parked', async () => (await applied()).length === 2 && watcher.on(deadLetterTopic(decisions)).length === 5);

    // The list that drops the old key is picked up: what it signs is refused from then on, what it signed stays applied.
    trust.replaceList(world.list(['registry-office-11-a', 'registry-office-12-a', 'receiving-office-44-a']));
    await produce(decisions, decision(8, { signer: 'registry-office-11-old' })); // (e) a revoked key
    await produce(shipments, genuineA); // (f) a genuine message replayed onto another topic
    await produce(decisions, decision(10, { occurredAt: new Date(clock.now().getTime() - 2 * 3600_000) })); // outside the clock window
    await produce(decisions, { key: Buffer.from('110101199003074511'), value: Buffer.from(`not json ${receipt(11)}`), headers: {} }); // unreadable
    await produce(decisions, decision(12));
    await waitFor(
      'everything handled',
      async () => (await applied()).length === 3 && watcher.on(deadLetterTopic(decisions)).length === 8 && watcher.on(deadLetterTopic(shipments)).length === 1,
    );

    expect(await applied()).toEqual([receipt(1), receipt(7), receipt(12)]);
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM inbox_message`))[0].n)).toBe(3);
    expect(reasonOf(2)).toMatch(/^unknown-key: no key id header/);
    expect(reasonOf(3)).toMatch(/^not-allowed: key registry-office-12-a is registry-office 12's; the envelope names registry-office 11/);
    expect(reasonOf(4)).toMatch(/^signature: /);
    expect(reasonOf(5)).toMatch(/^not-allowed: receiving-office 44 may not send ApplicationSignedOff/);
    expect(reasonOf(6)).toMatch(/^signature: /);
    expect(reasonOf(8)).toMatch(/^unknown-key: key "registry-office-11-old" is not in trust list version 2/);
    expect(reasonOf(10)).toMatch(/^clock-skew: /);
    expect(reasonOf(11)).toMatch(/^not JSON/);
    const replayed = watcher.on(deadLetterTopic(shipments))[0];
    expect(replayed.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^signature: /);
    expect(replayed.value!.equals(genuineA.value)).toBe(true);
    // The dead letter keeps the proof: the signature and key id it came with.
    expect(replayed.headers[SIGNATURE_HEADERS.signature]).toBe(genuineA.headers[SIGNATURE_HEADERS.signature]);

    const counted = (r: string) => rejected.filter((x) => x === r).length;
    expect(rejected).toHaveLength(8);
    expect({
      'unknown-key': counted('unknown-key'),
      'not-allowed': counted('not-allowed'),
      signature: counted('signature'),
      'clock-skew': counted('clock-skew'),
    }).toEqual({
      'unknown-key': 2,
      'not-allowed': 2,
      signature: 3,
      'clock-skew': 1,
    });
    expect(rejected.every((r) => (VERIFICATION_FAILURES as readonly string[]).includes(r))).toBe(true);
    // The dead-letter hook hears the bounded reason of a refused message, the full one of an unreadable message.
    expect(deadLettered).toHaveLength(9);
    expect(deadLettered.filter((d) => (VERIFICATION_FAILURES as readonly string[]).includes(d.reason))).toHaveLength(8);
    expect(deadLettered.find((d) => d.topic === shipments)).toEqual({ topic: shipments, reason: 'signature' });
    // Nothing personal in a reason: no Kafka key (an ID number).
    for (const m of watcher.messages.filter((x) => x.topic.endsWith('.dlq'))) expect(m.headers[DEAD_LETTER_HEADERS.reason]).not.toMatch(/\d{17}[\dX]/);
  });

  it('logs what it sent, applied and dead-lettered in a hash chain that verifies, and finds one row edited in the middle', async () => {
    await dataSource.transaction((em) =>
      service.app.get(OutboxWriter).add(em, {
        topic: warnings,
        key: '110101199003074501',
        type: MessageType.DeadlineWarning,
        payload: { receiptNumber: receipt(1), dueAt: new Date(clock.now().getTime() + 5 * 86_400_000).toISOString(), daysLeft: 5, status: 'submitted' },
        correlationId: receipt(1),
      }),
    );
    await waitFor('the warning sent and logged', async () => watcher.on(warnings).length === 1 && (await readMessageLogHead(dataSource)).count === 13);

    const rows = await readMessageLog(dataSource);
    const count = (d: string) => rows.filter((r) => r.direction === d).length;
    expect({ sent: count('sent'), applied: count('applied'), deadLettered: count('dead-lettered') }).toEqual({ sent: 1, applied: 3, deadLettered: 9 });
    // Exactly the bytes received, with their signature and where they were read.
    const first = rows.find((r) => r.direction === 'applied' && r.value!.equals(genuineA.value))!;
    expect(first).toMatchObject({
      topic: decisions,
      key: genuineA.key.toString(),
      keyId: 'registry-office-11-a',
      signature: genuineA.headers[SIGNATURE_HEADERS.signature],
    });
    expect(first.partition).not.toBeNull();
    expect(first.offset).toMatch(/^\d+$/);
    const unsigned = rows.find((r) => r.direction === 'dead-lettered' && r.value!.toString().includes(receipt(2)))!;
    expect(unsigned).toMatchObject({ signature: null, keyId: null });
    const sent = rows.find((r) => r.direction === 'sent')!;
    const seen = watcher.on(warnings)[0];
    expect(sent).toMatchObject({ topic: warnings, partition: seen.partition, offset: seen.offset });
    expect(sent.value!.equals(seen.value!)).toBe(true);

    const head = await readMessageLogHead(dataSource);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 13, head: head.hash });
    expect(await verifyMessageLog(dataSource, { pageSize: 5 })).toEqual({ ok: true, count: 13, head: head.hash });

    // One byte of one row in the middle, changed in the database: the chain breaks exactly there.
    const victim = rows[6];
    await dataSource.query(`UPDATE message_log SET value = overlay(value placing '\\x21'::bytea from 20 for 1) WHERE id = $1`, [victim.id]);
    expect(verifyChain(await readMessageLog(dataSource))).toMatchObject({ ok: false, brokenAt: 6, found: victim.hash });
    expect(await verifyMessageLog(dataSource, { pageSize: 4 })).toMatchObject({ ok: false, brokenAt: 6, id: victim.id, found: victim.hash });

    // Put back, the chain is whole again; cut off its last row and the head no longer matches.
    await dataSource.query(`UPDATE message_log SET value = $1 WHERE id = $2`, [victim.value, victim.id]);
    expect(await verifyMessageLog(dataSource)).toEqual({ ok: true, count: 13, head: head.hash });
    await dataSource.query(`DELETE FROM message_log WHERE id = $1`, [rows[12].id]);
    expect(await verifyMessageLog(dataSource)).toMatchObject({ ok: false, brokenAt: 12, id: null });
  });
});
