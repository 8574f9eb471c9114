import { CompressionTypes, EachMessagePayload } from 'kafkajs';
import { DevBroker, startDevBroker } from '../src';
import { kafkaFor, waitFor } from './support';

describe('devbroker: producing and consuming through kafkajs', () => {
  let broker: DevBroker;
  beforeAll(async () => {
    broker = await startDevBroker({ port: 0 });
  });
  afterAll(() => broker.stop());

  it('keeps keys, null values, headers and timestamps across partitions, plain and gzip, with per-partition offsets', async () => {
    const kafka = kafkaFor(broker.brokers);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'round-trip', numPartitions: 3 }] });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      partition: i % 3,
      key: `citizen-${i}`,
      value: i % 7 === 0 ? null : `application ${i}`,
      headers: { 'message-type': `type-${i}` },
      timestamp: String(1_700_000_000_000 + i * 1000),
    }));
    await producer.send({ topic: 'round-trip', messages: sent.slice(0, 15) });
    await producer.send({ topic: 'round-trip', compression: CompressionTypes.GZIP, messages: sent.slice(15) });

    const consumer = kafka.consumer({ groupId: 'round-trip-reader', maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'round-trip', fromBeginning: true });
    const received: EachMessagePayload[] = [];
    await consumer.run({ eachMessage: async (m) => void received.push(m) });
    await waitFor('all 30 messages', () => received.length >= 30);
    await consumer.disconnect();
    await producer.disconnect();

    expect(received).toHaveLength(30);
    for (const s of sent) {
      const r = received.find((m) => m.message.key?.toString() === s.key)!;
      expect(r.partition).toBe(s.partition);
      expect(r.message.value === null ? null : r.message.value.toString()).toBe(s.value);
      expect(r.message.headers?.['message-type']?.toString()).toBe(s.headers['message-type']);
      expect(r.message.timestamp).toBe(s.timestamp);
    }
    for (const p of [0, 1, 2]) {
      const offsets = received.filter((m) => m.partition === p).map((m) => Number(m.message.offset));
      expect(offsets).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
    const ends = await admin.fetchTopicOffsets('round-trip');
    expect(ends.map((e) => Number(e.high)).sort()).toEqual([10, 10, 10]);

    // ListOffsets by timestamp: the first record at or after the time, in plain and in gzip batches.
    const at = await admin.fetchTopicOffsetsByTimestamp('round-trip', 1_700_000_000_000 + 20 * 1000);
    const byPartition = Object.fromEntries(at.map((o) => [o.partition, Number(o.offset)]));
    // record 20 is partition 2, its 7th (offset 6); partition 0's first at/after is record 21 (offset 7); partition 1's record 22 (offset 7)
    expect(byPartition).toEqual({ 0: 7, 1: 7, 2: 6 });
    // No record that late: the broker answers -1, which kafkajs turns into the log end.
    const none = await admin.fetchTopicOffsetsByTimestamp('round-trip', 1_800_000_000_000);
    expect(none.map((o) => Number(o.offset))).toEqual([10, 10, 10]);
    await admin.disconnect();
  });

  it('wakes a long-polling fetch as soon as a message is produced, instead of waiting out maxWaitTime', async () => {
    const kafka = kafkaFor(broker.brokers);
    const consumer = kafka.consumer({ groupId: 'long-poll', maxWaitTimeInMs: 8_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'long-poll', fromBeginning: true });
    let receivedAt = 0;
    await consumer.run({ eachMessage: async () => void (receivedAt = Date.now()) });
    await waitFor('the consumer to join', async () => (await kafka.admin().describeGroups(['long-poll'])).groups[0].state === 'Stable');
    const producer = kafka.producer();
    await producer.connect();
    // The consumer's fetch is parked on the empty partitions before anything is produced: only a wake-up answers it early.
    await waitFor("the consumer's fetch waiting", () => broker.waitingFetches() > 0);
    const sentAt = Date.now();
    await producer.send({ topic: 'long-poll', messages: [{ value: 'wake up' }] });
    await waitFor('the message', () => receivedAt > 0);
    expect(receivedAt - sentAt).toBeLessThan(3_000);
    await producer.disconnect();
    await consumer.disconnect();
  });

  it('resets a consumer whose committed offset is past the log end, by its policy (earliest)', async () => {
    const kafka = kafkaFor(broker.brokers);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'out-of-range', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'out-of-range', messages: [{ value: 'a' }, { value: 'b' }] });
    await admin.setOffsets({ groupId: 'out-of-range-reader', topic: 'out-of-range', partitions: [{ partition: 0, offset: '1000' }] });
    const consumer = kafka.consumer({ groupId: 'out-of-range-reader', maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'out-of-range', fromBeginning: true });
    const values: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
    await waitFor('both messages after the reset', () => values.length >= 2);
    expect(values).toEqual(['a', 'b']);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });
});
