import { EventPattern, Payload } from '@nestjs/microservices';
import { FixedClock } from '@idcard/clock';
import { ApplicationSignedOff, deadLetterTopic, encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { SIGNATURE_HEADERS, signatureHeaders } from '@idcard/trust';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DEAD_LETTER_HEADERS, InboundMessage, InboxConsumer, readMessageLog, RejectMessage } from '../src';
import { kafkaClient, LogRecorder, SeenMessage, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

class CreateSignedOffTable1796100000200 implements MigrationInterface {
  name = 'CreateSignedOffTable1796100000200';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_signed_off (receipt_number text PRIMARY KEY)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_signed_off`);
  }
}

/** What each receipt's handler does on each attempt, in order; the last entry repeats. */
type Attempt = 'apply' | 'reject' | 'fail' | 'crash' | 'outage';
const script = new Map<string, Attempt[]>();
const attempts = new Map<string, number>();

/** A deadlock, as pg reports it: the transaction was rolled back, running it again is the cure. */
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

@InboxConsumer()
class ScriptedConsumer {
  @EventPattern(MessageType.ApplicationSignedOff)
  async signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    const receipt = msg.payload.receiptNumber;
    const n = (attempts.get(receipt) ?? 0) + 1;
    attempts.set(receipt, n);
    const steps = script.get(receipt) ?? ['apply'];
    const step = steps[Math.min(n, steps.length) - 1];
    if (step === 'reject') throw new RejectMessage(`application ${receipt} was never submitted at this office`);
    if (step === 'fail') throw new Error(`attempt ${n} at ${receipt} failed`);
    if (step === 'crash') throw new TypeError(`Cannot read properties of undefined (reading 'citizen'), attempt ${n} at ${receipt}`);
    if (step === 'outage') throw deadlock();
    await msg.em.query(`INSERT INTO test_signed_off (receipt_number) VALUES ($1)`, [receipt]);
  }
}

/**
 * Guangdong's receiving office (44) when a verified message cannot be applied: a handler's RejectMessage parks it at
 * once with the handler's reason, an error is retried and the message parked after the fifth failure, the database
 * being away is waited out without limit, and a type without a handler is parked naming the type. Every parked
 * message goes to `<topic>.dlq` byte for byte, with where it came from in its headers, and is logged as dead-lettered.
 */
describe('a message its handler cannot apply', () => {
  const clock = new FixedClock(new Date('2026-11-22T08:00:00Z'));
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const decisions = topics.receivingDecisions('44');
  const deadLettered: { topic: string; reason: string }[] = [];
  const logs = new LogRecorder();
  let db: TestDatabase;
  let broker: TestKafka;
  let kafka: Kafka;
  let producer: Producer;
  let watcher: TopicWatcher;
  let service: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;

  const receipt = (n: number) => `R44-20261122-${String(n).padStart(6, '0')}`;
  const key = (n: number) => Buffer.from(`1101011990030745${String(n).padStart(2, '0')}`);

  /** A message about application n as a registry signs and sends it. */
  function message(n: number, type: string = MessageType.ApplicationSignedOff) {
    const payload =
      type === MessageType.ApplicationSignedOff
        ? { receiptNumber: receipt(n), productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() }
        : { receiptNumber: receipt(n), reasonCode: 'NAME_MISMATCH', detail: 'the name differs from the register', rejectedAt: clock.now().toISOString() };
    const envelope = newEnvelope(type, payload, { source: { service: 'registry-office', province: '11' }, correlationId: receipt(n), now: clock.now() });
    const value = Buffer.from(encodeMessage(envelope));
    return { key: key(n), value, headers: signatureHeaders(world.sign('registry-office-11-a', { topic: decisions, key: key(n), value })) };
  }
  const send = async (m: ReturnType<typeof message>) => (await producer.send({ topic: decisions, acks: -1, messages: [m] }))[0];
  const applied = async (n: number) => (await dataSource.query(`SELECT 1 FROM test_signed_off WHERE receipt_number = $1`, [receipt(n)])).length === 1;
  const messageIdOf = (m: ReturnType<typeof message>): string => (JSON.parse(m.value.toString()) as { messageId: string }).messageId;
  const parked = (n: number): SeenMessage[] => watcher.on(deadLetterTopic(decisions)).filter((m) => m.value?.toString().includes(receipt(n)));

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [decisions, deadLetterTopic(decisions)]);
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    service = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('receiving-office-44-a'), clock),
      topics: [decisions],
      controllers: [ScriptedConsumer],
      migrations: [CreateSignedOffTable1796100000200],
      onDeadLetter: (topic, reason) => deadLettered.push({ topic, reason }),
      logger: logs,
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

  it('parks a message its handler rejects at once, byte for byte, with the reason and where it came from', async () => {
    script.set(receipt(1), ['reject']);
    const original = message(1);
    const where = await send(original);
    await waitFor('the rejected message parked', async () => parked(1).length === 1);
    const [dead] = parked(1);
    const reason = `application ${receipt(1)} was never submitted at this office`;
    expect(dead.key).toEqual(original.key);
    expect(dead.value).toEqual(original.value);
    expect(dead.headers).toEqual({
      [SIGNATURE_HEADERS.signature]: original.headers[SIGNATURE_HEADERS.signature],
      [SIGNATURE_HEADERS.keyId]: 'registry-office-11-a',
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.topic]: decisions,
      [DEAD_LETTER_HEADERS.partition]: String(where.partition),
      [DEAD_LETTER_HEADERS.offset]: where.baseOffset,
      [DEAD_LETTER_HEADERS.service]: 'receiving-office-44',
      [DEAD_LETTER_HEADERS.at]: '2026-11-22T08:00:00.000Z',
    });
    expect(attempts.get(receipt(1))).toBe(1);
    expect(await applied(1)).toBe(false);
    expect(deadLettered).toContainEqual({ topic: decisions, reason });
    await waitFor('the dead letter logged', async () => (await readMessageLog(dataSource)).some((r) => r.direction === 'dead-lettered'));
    const logged = (await readMessageLog(dataSource)).filter((r) => r.direction === 'dead-lettered');
    expect(logged).toEqual([
      expect.objectContaining({ topic: decisions, partition: where.partition, offset: where.baseOffset, key: original.key.toString(), value: original.value }),
    ]);
  });

  it('retries a failing message and parks it after the fifth failure, with the last error; the next message is applied', async () => {
    script.set(receipt(2), ['fail']);
    await send(message(2));
    await send(message(3));
    await waitFor('the failing message parked', async () => parked(2).length === 1, 30_000);
    expect(parked(2)[0].headers[DEAD_LETTER_HEADERS.reason]).toBe(`failed 5 times: attempt 5 at ${receipt(2)} failed`);
    expect(attempts.get(receipt(2))).toBe(5);
    await waitFor('the next message applied', () => applied(3));
    expect(await applied(2)).toBe(false);
  });

  it('applies, once, a message that fails fewer times than the limit', async () => {
    script.set(receipt(4), ['fail', 'fail', 'fail', 'fail', 'apply']);
    await send(message(4));
    await waitFor('the message applied', () => applied(4), 30_000);
    expect(attempts.get(receipt(4))).toBe(5);
    expect(parked(4)).toEqual([]);
  });

  it('waits out the database being away however many attempts it takes, and never parks the message for it', async () => {
    script.set(receipt(5), ['outage', 'outage', 'outage', 'outage', 'outage', 'outage', 'apply']);
    await send(message(5));
    await waitFor('the message applied', () => applied(5), 45_000);
    expect(attempts.get(receipt(5))).toBe(7);
    expect(parked(5)).toEqual([]);
  });

  // kafkajs takes a TypeError, RangeError, ReferenceError or SyntaxError thrown out of eachMessage as unrecoverable and
  // stops the consumer for good; the inbox hands it back as a plain Error, so it is retried and parked like any other.
  it('retries a handler’s TypeError like any other failure, and parks the message after the fifth', async () => {
    script.set(receipt(7), ['crash']);
    await send(message(7));
    await send(message(8));
    await waitFor('the crashing message parked', async () => parked(7).length === 1, 30_000);
    expect(parked(7)[0].headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^failed 5 times: Cannot read properties of undefined/);
    await waitFor('the next message applied', () => applied(8));
  });

  it('parks a message of a type this service has no handler for, naming the type and the service', async () => {
    await send(message(6, MessageType.ApplicationRejected));
    await waitFor('the message parked', async () => parked(6).length === 1);
    expect(parked(6)[0].headers[DEAD_LETTER_HEADERS.reason]).toBe('no handler for message type ApplicationRejected in receiving-office 44');
    expect(deadLettered).toContainEqual({ topic: decisions, reason: 'no handler for message type ApplicationRejected in receiving-office 44' });
  });

  /**
   * Makes the message log refuse the dead-lettered entry of application n, `times` times, with the SQLSTATE `code`. (A
   * sequence counts the refusals: its count survives the rollback.)
   */
  async function refuseDeadLetterEntry(n: number, code: string, times: number): Promise<void> {
    const name = `test_refuse_dead_letter_${n}`;
    await dataSource.query(`
      CREATE SEQUENCE ${name}_count;
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.direction = 'dead-lettered' AND NEW.message_key = '${key(n).toString()}' AND nextval('${name}_count') <= ${times} THEN
          RAISE EXCEPTION 'the message log refuses this entry (test)' USING ERRCODE = '${code}';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${name} BEFORE INSERT ON message_log FOR EACH ROW EXECUTE FUNCTION ${name}();
    `);
  }
  const deadLetterEntries = async (n: number) =>
    (await readMessageLog(dataSource)).filter((r) => r.direction === 'dead-lettered' && r.key === key(n).toString());
  const inboxLines = (event: string) => logs.events(event).filter((l) => l.context === 'KafkaInboxTransport');

  it('waits out the database being away while it logs a dead letter: parked once, logged once, and the next message applied', async () => {
    script.set(receipt(12), ['reject']);
    await refuseDeadLetterEntry(12, '40P01', 2); // a deadlock, twice
    await send(message(12));
    await send(message(13));
    await waitFor('the dead letter logged at the third attempt', async () => (await deadLetterEntries(12)).length === 1, 30_000);
    await waitFor('the next message applied', () => applied(13));
    expect(parked(12)).toHaveLength(1); // kafkajs delivered it three times; it was parked on the first only
    expect(await deadLetterEntries(12)).toHaveLength(1);
    const waits = inboxLines('message-log.waiting-for-database').filter((l) => l.message.offset === parked(12)[0].headers[DEAD_LETTER_HEADERS.offset]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatchObject({ level: 'warn', message: { topic: decisions, error: 'the message log refuses this entry (test)' } });
    expect(inboxLines('message-log.append-failed')).toEqual([]);
  });

  it('gives up a dead letter’s log entry the log keeps refusing after the fifth attempt, with an error line, and goes on', async () => {
    script.set(receipt(14), ['reject']);
    await refuseDeadLetterEntry(14, '23514', 1000); // a check violation, for good
    await send(message(14));
    await send(message(15));
    await waitFor('the entry given up', async () => inboxLines('message-log.append-failed').length > 0, 30_000);
    await waitFor('the next message applied', () => applied(15));
    await waitFor('the message parked', async () => parked(14).length > 0);
    expect(parked(14)).toHaveLength(1);
    expect(await deadLetterEntries(14)).toEqual([]);
    const offset = parked(14)[0].headers[DEAD_LETTER_HEADERS.offset];
    expect(inboxLines('message-log.append-failed')).toEqual([
      {
        level: 'error',
        context: 'KafkaInboxTransport',
        message: {
          event: 'message-log.append-failed',
          topic: decisions,
          partition: expect.any(Number),
          offset,
          attempt: 5,
          error: 'the message log refuses this entry (test)',
        },
      },
    ]);
    expect(inboxLines('message-log.waiting-for-database').filter((l) => l.message.offset === offset)).toEqual([]);
    expect(JSON.stringify(logs.lines)).not.toContain(key(14).toString());
  });

  it('logs each failure, dead letter and wait for the database as a structured warning naming the message, never its key', async () => {
    script.set(receipt(9), ['reject']);
    script.set(receipt(10), ['fail', 'apply']);
    script.set(receipt(11), ['outage', 'apply']);
    const [rejected, failing, waiting] = [message(9), message(10), message(11)];
    const where = await send(rejected);
    await send(failing);
    await send(waiting);
    await waitFor('the rejected message parked and the others applied', async () => parked(9).length === 1 && (await applied(10)) && (await applied(11)));

    const inbox = (event: string) => logs.events(event).filter((l) => l.context === 'KafkaInboxTransport');
    expect(inbox('message.dead-lettered')).toContainEqual({
      level: 'warn',
      context: 'KafkaInboxTransport',
      message: {
        event: 'message.dead-lettered',
        topic: decisions,
        partition: where.partition,
        offset: where.baseOffset,
        reason: `application ${receipt(9)} was never submitted at this office`,
      },
    });
    expect(inbox('message.failed')).toContainEqual({
      level: 'warn',
      context: 'KafkaInboxTransport',
      message: {
        event: 'message.failed',
        type: MessageType.ApplicationSignedOff,
        messageId: messageIdOf(failing),
        attempt: 1,
        error: `attempt 1 at ${receipt(10)} failed`,
      },
    });
    // A deadlock rolls the whole group back: logged as a wait for the database, not as a failure of the message.
    expect(inbox('message.waiting-for-database').map((l) => l.level)).toContain('warn');
    expect(inbox('message.waiting-for-database').map((l) => l.message)).toContainEqual(
      expect.objectContaining({ event: 'message.waiting-for-database', type: MessageType.ApplicationSignedOff, error: 'deadlock detected' }),
    );
    expect(inbox('message.failed').filter((l) => l.message.messageId === messageIdOf(waiting))).toEqual([]);
    // The Kafka key is the citizen's ID number: no line names it.
    const everything = JSON.stringify(logs.lines);
    for (const m of [rejected, failing, waiting]) expect(everything).not.toContain(m.key.toString());
  });
});
