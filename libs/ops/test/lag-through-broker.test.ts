import { DevBroker, startDevBroker } from '@idcard/devbroker';
import { Admin, Kafka, Producer } from 'kafkajs';
import { LagMonitor, readConsumerGroups } from '@idcard/ops';
import { kafkaFor, ManualClock, produce, recordingConsumer, waitFor } from './support';

/** Consumer lag and Burrow-style statuses of a real kafkajs consumer group, read over TCP from the development broker. */
describe('consumer lag through the broker', () => {
  let broker: DevBroker;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topic = 'idcard.registry.44.applications';
  const groupId = 'idcard-registry-office-44';

  beforeAll(async () => {
    broker = await startDevBroker({ port: 0 });
    kafka = kafkaFor(broker.brokers);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await broker?.stop();
  });

  it('sees lag rise while the consumer is paused and fall to 0 when it resumes', async () => {
    const { consumer, received } = await recordingConsumer(kafka, groupId, topic);
    try {
      const monitor = new LagMonitor({ kafka, windowMs: 10_000 });
      const lagOf = async () => (await monitor.sample()).groups.find((g) => g.groupId === groupId)?.lag;

      await produce(producer, topic, 4, 'before');
      await waitFor('the first 4 consumed and committed', async () => received.length === 4 && (await lagOf()) === 0);

      consumer.pause([{ topic }]);
      await produce(producer, topic, 3, 'paused-a');
      await waitFor('lag 3 while paused', async () => (await lagOf()) === 3);
      await produce(producer, topic, 5, 'paused-b');
      await waitFor('lag 8 while paused', async () => (await lagOf()) === 8);
      const paused = (await monitor.sample()).groups.find((g) => g.groupId === groupId)!;
      expect(paused.partitions.map((p) => p.topic)).toEqual([topic, topic]);
      expect(paused.partitions.reduce((n, p) => n + (p.committedOffset ?? 0), 0)).toBe(4);
      expect(paused.partitions.reduce((n, p) => n + p.endOffset, 0)).toBe(12);
      expect(paused.lagSeconds).not.toBeNull();
      expect(paused.partitions.every((p) => p.owner?.clientId === 'ops-test')).toBe(true);

      consumer.resume([{ topic }]);
      await waitFor('lag back to 0 after resuming', async () => (await lagOf()) === 0);
      expect(received).toHaveLength(12);
      await monitor.stop();
    } finally {
      await consumer.disconnect();
    }
  });

  it('calls a paused consumer STALLED once the window passes, and STOPPED when it leaves', async () => {
    const stalledGroup = 'idcard-registry-office-44-stall-test';
    const { consumer, received } = await recordingConsumer(kafka, stalledGroup, topic);
    const clock = new ManualClock();
    const monitor = new LagMonitor({ kafka, windowMs: 30_000, now: clock.now, selection: { groupIds: [stalledGroup] } });
    try {
      await waitFor('the backlog consumed', async () => received.length >= 12 && (await monitor.sample()).groups[0].lag === 0);
      consumer.pause([{ topic }]);
      await produce(producer, topic, 6, 'waiting');
      await waitFor('lag 6', async () => (await monitor.sample()).groups[0].lag === 6);

      // The window is judged on the monitor's clock, so the test moves it instead of waiting 30 s.
      let report = await monitor.sample();
      expect(report.groups[0].status).toBe('OK'); // the window is not covered yet
      for (let i = 0; i < 4; i++) {
        clock.advance(10_000);
        report = await monitor.sample();
      }
      const group = report.groups[0];
      expect(group.status).toBe('STALLED');
      const waiting = group.partitions.filter((p) => p.lag > 0);
      expect(waiting.every((p) => p.status === 'STALLED' && p.owner !== null)).toBe(true);
      expect(group.lagSeconds).toBeGreaterThanOrEqual(40);

      await consumer.disconnect();
      await waitFor('the group empty', async () => (await readConsumerGroups(admin, { groupIds: [stalledGroup] })).groups[0].members === 0);
      clock.advance(1_000);
      report = await monitor.sample();
      expect(report.groups[0]).toMatchObject({ status: 'STOPPED', state: 'Empty', members: 0, lag: 6 });
      expect(report.groups[0].partitions.filter((p) => p.lag > 0).every((p) => p.status === 'STOPPED' && p.owner === null)).toBe(true);
    } finally {
      await monitor.stop();
      await consumer.disconnect().catch(() => undefined);
    }
  });

  it('gives up a sample in flight when stopped, without calling it a failure of the cluster', async () => {
    const errors: Error[] = [];
    const monitor = new LagMonitor({ kafka, windowMs: 10_000, onError: (err) => errors.push(err) });
    // A shutdown meets the monitor mid-read: the read ends at its next step rather than going through every group.
    const sampling = monitor.sample();
    await monitor.stop();
    await expect(sampling).rejects.toThrow('the lag monitor is stopped');
    expect(errors).toEqual([]);
    expect(monitor.lastError).toBeNull();
    await expect(monitor.sample()).rejects.toThrow('the lag monitor is stopped');
  });

  it('lists every group the broker knows, including one that never committed', async () => {
    const silent = kafka.consumer({ groupId: 'ops-test-never-committed', maxWaitTimeInMs: 100 });
    await silent.connect();
    await silent.subscribe({ topics: ['idcard.production.44.orders'], fromBeginning: true });
    await silent.run({ eachMessage: async () => undefined });
    silent.pause([{ topic: 'idcard.production.44.orders' }]);
    try {
      await produce(producer, 'idcard.production.44.orders', 2);
      const observation = await waitFor('the silent group listed with its lag', async () => {
        const o = await readConsumerGroups(admin, {});
        const g = o.groups.find((x) => x.groupId === 'ops-test-never-committed');
        return g && g.partitions.reduce((n, p) => n + p.endOffset, 0) === 2 && o;
      });
      expect(observation.groups.map((g) => g.groupId)).toEqual(
        expect.arrayContaining([groupId, 'idcard-registry-office-44-stall-test', 'ops-test-never-committed']),
      );
      const silentGroup = observation.groups.find((g) => g.groupId === 'ops-test-never-committed')!;
      expect(silentGroup.partitions.every((p) => p.committedOffset === null)).toBe(true);
    } finally {
      await silent.disconnect();
    }
  });
});
