import { EventPattern, Payload } from '@nestjs/microservices';
import { AdjustableClock } from '@idcard/clock';
import { ApplicationSignedOff, deadLetterTopic, encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { signatureHeaders } from '@idcard/trust';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DEAD_LETTER_HEADERS, InboundMessage, InboxConsumer, RejectMessage } from '../src';
import { kafkaClient, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

class CreateBatchTable1796100000200 implements MigrationInterface {
  name = 'CreateBatchTable1796100000200';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_batch_applied (receipt_number text PRIMARY KEY, message_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_batch_applied`);
  }
}

const receipt = (n: number) => `R44-20261204-${String(n).padStart(6, '0')}`;
/** How often the handler has been called for each receipt. */
const calls = new Map<string, number>();

/**
 * A handler that writes its row and then: refuses receipt 2 (RejectMessage), fails receipt 3 the first time only, and
 * fails receipt 4 every time — each after it has written, so only a rollback keeps the row out.
 */
@InboxConsumer()
class PickyConsumer {
  @EventPattern(MessageType.ApplicationSignedOff)
  async signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    const r = msg.payload.receiptNumber;
    calls.set(r, (calls.get(r) ?? 0) + 1);
    await msg.em.query(`INSERT INTO test_batch_applied (receipt_number, message_id) VALUES ($1, $2)`, [r, msg.envelope.messageId]);
    if (r === receipt(2)) throw new RejectMessage('not for this office');
    if (r === receipt(3) && calls.get(r) === 1) throw new Error('a passing failure');
    if (r === receipt(4)) throw new Error('always fails');
  }
}

/**
 * The messages of one fetched batch are applied in one transaction: one bad message is left out
 * and dead-lettered alone, a message that fails once is applied on its redelivery, the good ones around them are
 * applied exactly once, and a redelivery of the whole batch changes nothing.
 */
describe('a fetched batch applied in one transaction, a failing message left out alone', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const trust = new TestTrust(world.list(), world.key('receiving-office-44-a'), clock);
  const decisions = topics.receivingDecisions('44');
  let db: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let producer: Producer;
  let watcher: TopicWatcher;
  let service: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;

  // One key for all: one partition, so they come in one fetch, in this order.
  const key = Buffer.from('110101199003074512');
  const decision = (n: number) => {
    const envelope = newEnvelope(
      MessageType.ApplicationSignedOff,
      { receiptNumber: receipt(n), productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
      { source: { service: 'registry-office', province: '11' }, correlationId: receipt(n), now: clock.now() },
    );
    const value = Buffer.from(encodeMessage(envelope));
    return { key, value, headers: signatureHeaders(world.sign('registry-office-11-a', { topic: decisions, key, value })) };
  };
  const applied = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT receipt_number FROM test_batch_applied ORDER BY receipt_number`)).map((r: { receipt_number: string }) => r.receipt_number);
  const inboxRows = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM inbox_message`))[0].n);

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [deadLetterTopic(decisions)]);
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    service = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust,
      topics: [decisions],
      controllers: [PickyConsumer],
      migrations: [CreateBatchTable1796100000200],
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

  it('leaves a failing message out alone, dead-letters it once it is refused or has failed five times, and applies the rest once', async () => {
    const batch = [1, 2, 3, 4, 5].map(decision);
    await producer.send({ topic: decisions, acks: -1, messages: batch });
    await waitFor('three applied, two parked', async () => (await applied()).length === 3 && watcher.on(deadLetterTopic(decisions)).length === 2, 60_000);
    expect(await applied()).toEqual([receipt(1), receipt(3), receipt(5)]);
    expect(await inboxRows()).toBe(3);
    const parked = watcher.on(deadLetterTopic(decisions)).map((m) => [m.value!.toString().match(/R44-\d{8}-\d{6}/)![0], m.headers[DEAD_LETTER_HEADERS.reason]]);
    expect(parked).toEqual([
      [receipt(2), 'not for this office'],
      [receipt(4), 'failed 5 times: always fails'],
    ]);
    // A failing handler rolls its batch's transaction back whole: the messages before it are applied again in a
    // transaction of their own, so their handlers ran twice, once in a pass that left nothing behind.
    expect(calls.get(receipt(2))).toBe(1); // refused: never tried again
    expect(calls.get(receipt(4))).toBe(5);
    expect(calls.get(receipt(1))).toBe(2); // committed before receipt 2's refusal was parked
    expect(calls.get(receipt(5))).toBe(1); // never reached while receipt 3 and 4 failed

    // The same records again (a redelivery after a lost offset commit): nothing new is applied, nothing is parked twice
    // for what was applied (the refused ones are refused again, which is their fate whenever they come).
    const before = { applied: await applied(), inbox: await inboxRows() };
    await producer.send({ topic: decisions, acks: -1, messages: [batch[0], batch[2], batch[4]] });
    await producer.send({ topic: decisions, acks: -1, messages: [decision(6)] });
    await waitFor('the next one applied', async () => (await applied()).includes(receipt(6)), 30_000);
    expect(await applied()).toEqual([...before.applied, receipt(6)]);
    expect(await inboxRows()).toBe(before.inbox + 1);
    expect(watcher.on(deadLetterTopic(decisions))).toHaveLength(2);
  }, 90_000);

  it('applies a batch that goes cleanly in one transaction without savepoints: every row it wrote has the one transaction id', async () => {
    const batch = [7, 8, 9].map(decision);
    const ids = batch.map((m) => JSON.parse(m.value.toString()).messageId as string);
    await producer.send({ topic: decisions, acks: -1, messages: batch });
    await waitFor('the three applied', async () => (await applied()).includes(receipt(9)));
    // A row written under a savepoint carries that subtransaction's id as its xmin, one per message.
    const writers = async (sql: string, params: unknown[]) => (await dataSource.query(sql, params)).map((r: { xmin: string }) => r.xmin);
    const inbox = await writers(`SELECT DISTINCT xmin::text FROM inbox_message WHERE message_id = ANY($1::uuid[])`, [ids]);
    const handled = await writers(`SELECT DISTINCT xmin::text FROM test_batch_applied WHERE receipt_number = ANY($1)`, [[7, 8, 9].map(receipt)]);
    expect(inbox).toHaveLength(1);
    expect(handled).toEqual(inbox);
    expect([7, 8, 9].map((n) => calls.get(receipt(n)))).toEqual([1, 1, 1]);
  });
});
