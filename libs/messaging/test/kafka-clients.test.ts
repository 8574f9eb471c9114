import { FixedClock } from '@idcard/clock';
import { encodeMessage, MessageType, newEnvelope, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { signatureHeaders } from '@idcard/trust';
import { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import { KafkaInboxTransport } from '../src';
import { AppliedRecorder, CreateAppliedTable1796100000300, kafkaClient, LogRecorder, startMessagingService, TestTrust, TrustWorld } from './support';

/**
 * The real kafkajs client, with every producer and consumer it is asked for noted down (what was asked, not mocked).
 * `breakConsumers`: each consumer's batches fail with an error kafkajs does not retry, and it is told not to restart,
 * so it stops for good as a consumer does when its group is lost for good.
 */
function noting(kafka: Kafka, breakConsumers = false): { kafka: Kafka; producers: ProducerConfig[]; consumers: ConsumerConfig[] } {
  const producers: ProducerConfig[] = [];
  const consumers: ConsumerConfig[] = [];
  const broken = (config: ConsumerConfig): Consumer => {
    const consumer = kafka.consumer({ ...config, retry: { retries: 0, restartOnFailure: async () => false } });
    const run = consumer.run.bind(consumer);
    consumer.run = (runConfig?: ConsumerRunConfig) =>
      run({
        ...runConfig,
        eachBatch: async () => {
          throw new Error('a failure kafkajs does not retry');
        },
      });
    return consumer;
  };
  const noted = new Proxy(kafka, {
    get(target, property) {
      if (property === 'producer') return (config: ProducerConfig) => (producers.push(config), target.producer(config));
      if (property === 'consumer') return (config: ConsumerConfig) => (consumers.push(config), breakConsumers ? broken(config) : target.consumer(config));
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { kafka: noted, producers, consumers };
}

/**
 * What the messaging module asks of kafkajs, on which its guarantees rest: idempotent producers with one request in
 * flight (a retried send is not written twice, nor reordered), consumers with the long-poll wait they were given, and
 * an inbox that can join its group paused.
 */
describe('the Kafka clients of the messaging module', () => {
  const clock = new FixedClock(new Date('2026-11-22T08:00:00Z'));
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const flow = topics.receivingDecisions('44');
  let db: TestDatabase;
  let broker: TestKafka;
  let producer: Producer;

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    producer = kafkaClient(broker.brokers).producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await broker?.stop();
    await db?.dispose();
  });

  const start = (
    kafka: Kafka,
    extra: { maxWaitTimeInMs?: number | null; consumerStartsPaused?: boolean; logger?: LogRecorder; promptLane?: { consumerGroup: string; topics: string[] } },
  ) =>
    startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('receiving-office-44-a'), clock),
      topics: [flow],
      controllers: [AppliedRecorder],
      migrations: [CreateAppliedTable1796100000300],
      ...extra,
    });

  /** A signed ApplicationSignedOff for `receipt` on the flow topic, as the registry sends it. */
  async function send(receipt: string): Promise<void> {
    const payload = { receiptNumber: receipt, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() };
    const envelope = newEnvelope(MessageType.ApplicationSignedOff, payload, {
      source: { service: 'registry-office', province: '11' },
      correlationId: receipt,
      now: clock.now(),
    });
    const key = Buffer.from('110101199003074571');
    const value = Buffer.from(encodeMessage(envelope));
    await producer.send({ topic: flow, acks: -1, messages: [{ key, value, headers: signatureHeaders(world.sign('registry-office-11-a', { topic: flow, key, value })) }] });
  }

  it('asks for idempotent producers with one request in flight, and consumers with the wait they were given', async () => {
    const noted = noting(kafkaClient(broker.brokers));
    const promptGroup = `test-prompt-${Date.now()}`;
    const service = await start(noted.kafka, { maxWaitTimeInMs: 250, promptLane: { consumerGroup: promptGroup, topics: [topics.receivingDecisions('45')] } });
    try {
      // The outbox relay's and the dead-letter producer's; the relay's notes the partition of each message it sends.
      expect(noted.producers).toHaveLength(2);
      for (const config of noted.producers) expect(config).toMatchObject({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      expect(noted.producers.filter((config) => typeof config.createPartitioner === 'function')).toHaveLength(1);
      // One consumer per lane: the flow's group and the prompt lane's.
      expect(noted.consumers).toEqual([
        expect.objectContaining({ groupId: expect.stringMatching(/^test-receiving-office-44-/), maxWaitTimeInMs: 250, allowAutoTopicCreation: true }),
        expect.objectContaining({ groupId: promptGroup, maxWaitTimeInMs: 250, allowAutoTopicCreation: true }),
      ]);
    } finally {
      await service.stop();
    }
    const defaults = noting(kafkaClient(broker.brokers));
    const another = await start(defaults.kafka, { maxWaitTimeInMs: null });
    try {
      expect(defaults.consumers).toEqual([expect.objectContaining({ maxWaitTimeInMs: 1000 })]);
    } finally {
      await another.stop();
    }
  });

  it('joins its group paused when asked to, and applies what waited once resumed', async () => {
    const receipt = 'R44-20261122-000001';
    const service = await start(kafkaClient(broker.brokers), { consumerStartsPaused: true });
    try {
      const consumer = service.app.get(KafkaInboxTransport).consumerOf(flow)!;
      expect(consumer.paused()).toEqual([expect.objectContaining({ topic: flow })]);
      await send(receipt);
      consumer.resume([{ topic: flow }]);
      await waitFor('the message applied once resumed', async () => (await service.dataSource.query(`SELECT 1 FROM test_applied WHERE receipt_number = $1`, [receipt])).length === 1);
    } finally {
      await service.stop();
    }
  });

  it('says so when a consumer stops for good (kafkajs itself logs nothing)', async () => {
    const logs = new LogRecorder();
    const service = await start(noting(kafkaClient(broker.brokers), true).kafka, { logger: logs });
    try {
      await send('R44-20261122-000002');
      await waitFor('consumer.stopped logged', () => logs.events('consumer.stopped').length > 0);
      expect(logs.events('consumer.stopped')[0]).toMatchObject({ level: 'error', message: { group: expect.stringMatching(/^test-receiving-office-44-/), error: 'a failure kafkajs does not retry' } });
    } finally {
      await service.stop();
    }
  });
});
