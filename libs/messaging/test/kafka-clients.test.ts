import { FixedClock } from '@idcard/clock';
import { topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import { KafkaInboxTransport } from '../src';
import {
  AppliedRecorder,
  CreateAppliedTable1796100000300,
  kafkaClient,
  sendSignedOff,
  LogRecorder,
  startMessagingService,
  TestTrust,
  TrustWorld,
} from './support';

/** How `noting` breaks each consumer: not at all, or every batch failing so that it stops for good or restarts. */
type Breakage = 'none' | 'for-good' | 'retriably';

/**
 * The real kafkajs client, with every producer and consumer it is asked for, and each consumer's run settings, noted
 * down (what was asked, not mocked). A broken consumer's batches fail: with an error kafkajs does not retry and no
 * restart ('for-good', as when a group is lost for good), or with a retriable one after which kafkajs restarts it, a
 * minute later ('retriably'). `crashes` are the CRASH events seen, noted before the inbox's own listener hears them.
 */
function noting(kafka: Kafka, breakage: Breakage = 'none') {
  const producers: ProducerConfig[] = [];
  const consumers: ConsumerConfig[] = [];
  const runs: ConsumerRunConfig[] = [];
  const crashes: { restart: boolean }[] = [];
  const consumerFor = (config: ConsumerConfig): Consumer => {
    const retry = breakage === 'none' ? {} : { retry: { retries: 0, initialRetryTime: 60_000, restartOnFailure: async () => breakage === 'retriably' } };
    const consumer = kafka.consumer({ ...config, ...retry });
    consumer.on(consumer.events.CRASH, ({ payload }) => crashes.push({ restart: payload.restart }));
    const run = consumer.run.bind(consumer);
    consumer.run = (runConfig?: ConsumerRunConfig) => {
      runs.push(runConfig ?? {});
      if (breakage === 'none') return run(runConfig);
      const failure = Object.assign(new Error('a failing batch'), { retriable: breakage === 'retriably' });
      return run({
        ...runConfig,
        eachBatch: async () => {
          throw failure;
        },
      });
    };
    return consumer;
  };
  const noted = new Proxy(kafka, {
    get(target, property) {
      if (property === 'producer') return (config: ProducerConfig) => (producers.push(config), target.producer(config));
      if (property === 'consumer') return (config: ConsumerConfig) => (consumers.push(config), consumerFor(config));
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { kafka: noted, producers, consumers, runs, crashes };
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
    await sendSignedOff(producer, world, clock, { topic: flow, receiptNumber: receipt, productionProvince: '44' });
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
      // Offsets are resolved by the inbox itself, message by message, never by kafkajs for the whole batch; three
      // partitions at a time unless told otherwise.
      expect(noted.runs).toHaveLength(2);
      for (const run of noted.runs) expect(run).toMatchObject({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3 });
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
      await waitFor(
        'the message applied once resumed',
        async () => (await service.dataSource.query(`SELECT 1 FROM test_applied WHERE receipt_number = $1`, [receipt])).length === 1,
      );
    } finally {
      await service.stop();
    }
  });

  it('says so when a consumer stops for good (kafkajs itself logs nothing), and not when kafkajs restarts it', async () => {
    const logs = new LogRecorder();
    const stopping = noting(kafkaClient(broker.brokers), 'for-good');
    const service = await start(stopping.kafka, { logger: logs });
    try {
      await send('R44-20261122-000002');
      await waitFor('consumer.stopped logged', () => logs.events('consumer.stopped').length > 0);
      expect(stopping.crashes).toEqual([{ restart: false }]);
      expect(logs.events('consumer.stopped')[0]).toMatchObject({
        level: 'error',
        message: { group: expect.stringMatching(/^test-receiving-office-44-/), error: 'a failing batch' },
      });
    } finally {
      await service.stop();
    }

    const restartLogs = new LogRecorder();
    const restarting = noting(kafkaClient(broker.brokers), 'retriably');
    const again = await start(restarting.kafka, { logger: restartLogs });
    try {
      await send('R44-20261122-000003');
      // The inbox hears each CRASH event right after the test's own listener (registered first), in the same turn.
      await waitFor('the consumer crashed and is to restart', () => restarting.crashes.length > 0);
      expect(restarting.crashes[0]).toEqual({ restart: true });
      expect(restartLogs.events('consumer.stopped')).toEqual([]);
    } finally {
      await again.stop();
    }
  });

  it('reads its topics from the beginning: what was sent before its group first joined is applied', async () => {
    const receipt = 'R44-20261122-000004';
    await send(receipt);
    const service = await start(kafkaClient(broker.brokers), {});
    try {
      await waitFor(
        'the earlier message applied',
        async () => (await service.dataSource.query(`SELECT 1 FROM test_applied WHERE receipt_number = $1`, [receipt])).length === 1,
      );
    } finally {
      await service.stop();
    }
  });
});
