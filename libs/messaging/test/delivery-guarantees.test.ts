import { randomUUID } from 'node:crypto';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AdjustableClock } from '@idcard/clock';
import { ApplicationSignedOff, encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { signatureHeaders } from '@idcard/trust';
import { Admin, Consumer, Kafka, Producer, RecordMetadata } from 'kafkajs';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { InboundMessage, InboxConsumer, KafkaInboxTransport, OutboxWriter } from '../src';
import { failFirstMarkSent, kafkaClient, LogRecorder, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

class CreateAppliedTable1796100000200 implements MigrationInterface {
  name = 'CreateAppliedTable1796100000200';
  async up(q: QueryRunner): Promise<void> {
    // No unique constraint on purpose: every run of the handler leaves a row, so a second run shows.
    await q.query(`CREATE TABLE test_applied (id bigserial PRIMARY KEY, message_id uuid NOT NULL, receipt_number text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_applied`);
  }
}

/** Every call of the handler, by message id, committed or not. */
const calls = new Map<string, number>();
/** Transactions (by their entity manager) after whose commit the receiver "crashes"; see crashAfterCommit. */
const crashAfterCommitOf = new Set<EntityManager>();
let crashNextApplyOf: string | null = null;

/**
 * A handler that is not idempotent in itself: it appends a row per call and counts its calls. Only the inbox stands
 * between a redelivery and a second row.
 */
@InboxConsumer()
class CountingConsumer {
  @EventPattern(MessageType.ApplicationSignedOff)
  async signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    calls.set(msg.envelope.messageId, (calls.get(msg.envelope.messageId) ?? 0) + 1);
    await msg.em.query(`INSERT INTO test_applied (message_id, receipt_number) VALUES ($1, $2)`, [msg.envelope.messageId, msg.payload.receiptNumber]);
    if (crashNextApplyOf === msg.envelope.messageId) {
      crashNextApplyOf = null;
      crashAfterCommitOf.add(msg.em);
    }
  }
}

/**
 * The inbox's own guarantee, each way a message comes twice: the same message id sent twice, the same Kafka record
 * read again (its offset not committed), a crash between the apply's commit and the offset commit, and a crash of
 * the sender between publishing and marking its outbox row sent. Guangdong's receiving office (44) receives decisions
 * from Beijing's registry (11); every message is signed by the registry's key and verified on receipt.
 */
describe('delivery guarantees: every message applied exactly once', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const decisions = topics.receivingDecisions('44');
  // A group of its own per run: suites of several runs may share one broker (KAFKA_BROKERS, npm run mutation).
  const group = `test-receiving-office-44-delivery-${randomUUID().slice(0, 8)}`;
  let receiverDb: TestDatabase;
  let senderDb: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let watcher: TopicWatcher;
  let receiver: Awaited<ReturnType<typeof startMessagingService>> | null = null;
  const receiverLogs = new LogRecorder();
  let n = 0;

  const receipt = (i: number) => `R44-20261122-${String(i).padStart(6, '0')}`;
  /** A new decision, signed by Beijing's registry, always with the same Kafka key: one partition, in order. */
  function decision(): { messageId: string; receiptNumber: string; key: Buffer; value: Buffer; headers: Record<string, string> } {
    const receiptNumber = receipt(++n);
    const envelope = newEnvelope(
      MessageType.ApplicationSignedOff,
      { receiptNumber, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
      { source: { service: 'registry-office', province: '11' }, correlationId: receiptNumber, now: clock.now() },
    );
    const key = Buffer.from('110101199003074571');
    const value = Buffer.from(encodeMessage(envelope));
    return {
      messageId: envelope.messageId,
      receiptNumber,
      key,
      value,
      headers: signatureHeaders(world.sign('registry-office-11-a', { topic: decisions, key, value })),
    };
  }
  const produce = async (m: { key: Buffer; value: Buffer; headers: Record<string, string> }): Promise<{ partition: number; offset: number }> => {
    const [meta]: RecordMetadata[] = await producer.send({ topic: decisions, acks: -1, messages: [{ key: m.key, value: m.value, headers: m.headers }] });
    return { partition: meta.partition, offset: Number(meta.baseOffset) };
  };
  const rowsOf = async (messageId: string): Promise<number> =>
    Number((await receiver!.dataSource.query(`SELECT count(*) AS n FROM test_applied WHERE message_id = $1`, [messageId]))[0].n);
  /** The group's committed offset (the next to read) on the partition; -1 when none. */
  const committed = async (partition: number): Promise<number> => {
    const [t] = await admin.fetchOffsets({ groupId: group, topics: [decisions] });
    return Number(t.partitions.find((p) => p.partition === partition)?.offset ?? -1);
  };
  /** A fresh message after the others on the same partition: once it is applied, everything before it was read. */
  const marker = async (): Promise<void> => {
    const m = decision();
    const at = await produce(m);
    await waitFor('the marker applied and its offset committed', async () => (await rowsOf(m.messageId)) === 1 && (await committed(at.partition)) > at.offset);
  };
  const startReceiver = async () => {
    receiver = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: receiverDb.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('receiving-office-44-a'), clock),
      topics: [decisions],
      consumerGroup: group,
      controllers: [CountingConsumer],
      migrations: [CreateAppliedTable1796100000200],
      logger: receiverLogs,
    });
    return receiver;
  };
  const stopReceiver = async () => {
    await receiver?.stop();
    receiver = null;
  };

  beforeAll(async () => {
    [receiverDb, senderDb, broker] = await Promise.all([databaseForTests(), databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [decisions]);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await startReceiver();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await stopReceiver();
    await watcher?.stop();
    await broker?.stop();
    await Promise.all([receiverDb?.dispose(), senderDb?.dispose()]);
  });

  it('applies once a message whose id comes twice, as two records', async () => {
    const m = decision();
    const first = await produce(m);
    const second = await produce(m);
    expect(second.partition).toBe(first.partition);
    expect(second.offset).toBeGreaterThan(first.offset);
    await marker();
    expect(await committed(first.partition)).toBeGreaterThan(second.offset); // both copies were read
    expect(await rowsOf(m.messageId)).toBe(1);
    expect(calls.get(m.messageId)).toBe(1);
    // The second copy is no failure: a debug line, under the message's id.
    expect(receiverLogs.events('message.duplicate')).toContainEqual({
      level: 'debug',
      context: 'KafkaInboxTransport',
      message: { event: 'message.duplicate', type: MessageType.ApplicationSignedOff, messageId: m.messageId },
    });
  });

  it('applies once the same Kafka record read again because its offset was not committed', async () => {
    const m = decision();
    const at = await produce(m);
    await marker();
    expect(await rowsOf(m.messageId)).toBe(1);
    // As if the commit of its offset had never reached the broker: the group goes back to the record, a new consumer reads on.
    await stopReceiver();
    await waitFor('the group empty', async () => (await admin.describeGroups([group])).groups[0].members.length === 0);
    await admin.setOffsets({ groupId: group, topic: decisions, partitions: [{ partition: at.partition, offset: String(at.offset) }] });
    expect(await committed(at.partition)).toBe(at.offset);
    await startReceiver();
    await marker();
    expect(await committed(at.partition)).toBeGreaterThan(at.offset); // the record was read again
    expect(await rowsOf(m.messageId)).toBe(1);
    expect(calls.get(m.messageId)).toBe(1);
  });

  it('applies once a message whose apply committed but whose consumer died before committing its offset', async () => {
    const running = receiver!;
    const transport = running.app.get(KafkaInboxTransport);
    const consumer = transport.unwrap<Consumer>();
    const dataSource: DataSource = running.dataSource;
    const transaction = dataSource.transaction.bind(dataSource) as (work: (em: EntityManager) => Promise<unknown>) => Promise<unknown>;
    let appliedAndCommitted!: () => void;
    const crashed = new Promise<void>((resolve) => (appliedAndCommitted = resolve));
    let die!: () => void;
    const death = new Promise<void>((resolve) => (die = resolve));
    // The apply's transaction commits; then, before kafkajs hears the delivery is done (and could resolve and commit
    // its offset), the process freezes, and dies once the consumer is being stopped: its offset is never committed.
    jest.spyOn(dataSource, 'transaction').mockImplementation((async (...args: unknown[]) => {
      const work = args[args.length - 1] as (em: EntityManager) => Promise<unknown>;
      let em: EntityManager | null = null;
      const result = await transaction((m) => ((em = m), work(m)));
      if (em && crashAfterCommitOf.delete(em)) {
        appliedAndCommitted();
        await death;
        throw new Error('the receiver died after the commit of its apply');
      }
      return result;
    }) as never);
    const disconnect = jest.spyOn(consumer, 'disconnect');

    const m = decision();
    crashNextApplyOf = m.messageId;
    const at = await produce(m);
    await crashed;
    expect(await rowsOf(m.messageId)).toBe(1); // applied and committed in the database
    const stopping = running.stop();
    await waitFor('the consumer being stopped', () => disconnect.mock.calls.length > 0);
    die();
    await stopping;
    receiver = null;
    expect(await committed(at.partition)).toBeLessThanOrEqual(at.offset); // the record's offset was not committed

    await startReceiver();
    await marker();
    expect(await committed(at.partition)).toBeGreaterThan(at.offset); // the new consumer read the record again
    expect(await rowsOf(m.messageId)).toBe(1);
    expect(calls.get(m.messageId)).toBe(1);
  });

  it('applies once a message the sender published twice because marking its outbox row sent failed after the send', async () => {
    const senderLogs = new LogRecorder();
    const sender = await startMessagingService({
      identity: { service: 'registry-office', province: '11' },
      databaseUrl: senderDb.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('registry-office-11-a'), clock),
      logger: senderLogs,
    });
    try {
      await failFirstMarkSent(sender.dataSource);
      const receiptNumber = receipt(++n);
      const messageId = await sender.dataSource.transaction((em) =>
        sender.app.get(OutboxWriter).add(em, {
          topic: decisions,
          key: '110101199003074571',
          type: MessageType.ApplicationSignedOff,
          payload: { receiptNumber, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
          correlationId: receiptNumber,
        }),
      );
      const copies = await waitFor('the message published twice and its row marked sent', async () => {
        const seen = watcher.on(decisions).filter((s) => s.headers['message-id'] === messageId);
        const [row] = await sender.dataSource.query(`SELECT sent_at FROM outbox_message WHERE message_id = $1`, [messageId]);
        return seen.length === 2 && row.sent_at !== null && seen;
      });
      expect(copies[1].value!.equals(copies[0].value!)).toBe(true);
      const last = Math.max(...copies.map((c) => Number(c.offset)));
      await waitFor('both copies read by the receiver', async () => (await committed(copies[1].partition)) > last);
      expect(await rowsOf(messageId)).toBe(1);
      expect(calls.get(messageId)).toBe(1);
      // The failed round is an error line of the relay's, counted; the next round succeeded, so there is one.
      expect(senderLogs.events('outbox.publish-failed')).toEqual([
        {
          level: 'error',
          context: 'OutboxRelay',
          message: { event: 'outbox.publish-failed', attempt: 1, error: 'the relay died between publishing and marking the row sent' },
        },
      ]);
    } finally {
      await sender.stop();
    }
  });
});
