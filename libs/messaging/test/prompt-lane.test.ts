import { FixedClock } from '@idcard/clock';
import { topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { Producer } from 'kafkajs';
import { KafkaInboxTransport } from '../src';
import { AppliedRecorder, CreateAppliedTable1796100000300, kafkaClient, sendSignedOff, startMessagingService, TestTrust, TrustWorld } from './support';

/**
 * The prompt lane (MessagingOptions.promptLane): topics that must never wait behind the application flow are read by a
 * consumer group of their own. Its messages are applied while the main lane's consumer is paused, each lane's consumer
 * is found by its topics, and a lane without topics starts no consumer.
 */
describe('an inbox with a prompt lane', () => {
  const clock = new FixedClock(new Date('2026-11-22T08:00:00Z'));
  const world = TrustWorld.of(clock, [
    { keyId: 'registry-office-11-a', service: 'registry-office', province: '11' },
    { keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' },
  ]);
  const flow = topics.receivingDecisions('44');
  const prompt = topics.receivingDecisions('45');
  let db: TestDatabase;
  let broker: TestKafka;
  let producer: Producer;
  let service: Awaited<ReturnType<typeof startMessagingService>>;

  // A decision goes to the topic of the province whose office took the application (the access rules check it).
  const receipt = (n: number, province = '44') => `R${province}-20261122-${String(n).padStart(6, '0')}`;
  async function send(topic: string, n: number): Promise<void> {
    const province = topic === prompt ? '45' : '44';
    const key = `1101011990030745${String(n).padStart(2, '0')}`;
    await sendSignedOff(producer, world, clock, { topic, receiptNumber: receipt(n, province), productionProvince: province, key, correlationId: receipt(n) });
  }
  const appliedFrom = async (n: number): Promise<string | null> =>
    (await service.dataSource.query(`SELECT topic FROM test_applied WHERE receipt_number = ANY($1)`, [[receipt(n), receipt(n, '45')]]))[0]?.topic ?? null;

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    const kafka = kafkaClient(broker.brokers);
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    service = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('receiving-office-44-a'), clock),
      topics: [flow],
      promptLane: { consumerGroup: `test-prompt-${Date.now()}`, topics: [prompt] },
      controllers: [AppliedRecorder],
      migrations: [CreateAppliedTable1796100000300],
    });
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await broker?.stop();
    await db?.dispose();
  });

  it('reads the prompt topics with a consumer of their own, which goes on while the flow’s consumer is paused', async () => {
    const inbox = service.app.get(KafkaInboxTransport);
    const flowConsumer = inbox.consumerOf(flow);
    const promptConsumer = inbox.consumerOf(prompt);
    expect(flowConsumer).not.toBeNull();
    expect(promptConsumer).not.toBeNull();
    expect(promptConsumer).not.toBe(flowConsumer);
    expect(inbox.unwrap()).toBe(flowConsumer);
    expect(inbox.consumerOf('idcard.nobody-reads-this')).toBeNull();

    await send(flow, 1);
    await waitFor('the flow’s message applied', async () => (await appliedFrom(1)) === flow);
    flowConsumer!.pause([{ topic: flow }]);
    await send(flow, 2);
    await send(prompt, 3);
    await waitFor('the prompt message applied', async () => (await appliedFrom(3)) === prompt);
    expect(await appliedFrom(2)).toBeNull(); // the paused lane holds it
    flowConsumer!.resume([{ topic: flow }]);
    await waitFor('the flow’s message applied after the pause', async () => (await appliedFrom(2)) === flow);
  });
});

/** A service whose prompt lane has no topics starts one consumer, as if it had none. */
describe('an inbox whose prompt lane has no topics', () => {
  it('starts one consumer, for the flow’s topics', async () => {
    const clock = new FixedClock(new Date('2026-11-22T08:00:00Z'));
    const world = TrustWorld.of(clock, [{ keyId: 'receiving-office-44-a', service: 'receiving-office', province: '44' }]);
    const [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    const flow = topics.receivingDecisions('44');
    const service = await startMessagingService({
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl: db.url,
      kafka: kafkaClient(broker.brokers),
      clock,
      trust: new TestTrust(world.list(), world.key('receiving-office-44-a'), clock),
      topics: [flow],
      promptLane: { consumerGroup: `test-prompt-${Date.now()}`, topics: [] },
      controllers: [AppliedRecorder],
      migrations: [CreateAppliedTable1796100000300],
    });
    try {
      const inbox = service.app.get(KafkaInboxTransport);
      expect(inbox.consumerOf(flow)).toBe(inbox.unwrap());
      expect((inbox as unknown as { consumers: unknown[] }).consumers).toHaveLength(1);
    } finally {
      await service.stop();
      await broker.stop();
      await db.dispose();
    }
  });
});
