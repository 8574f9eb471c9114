import { kafkaForTests, TestKafka } from '@idcard/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { kafkaIdleLoopStopped, stopKafkaIdleLoop } from '../src';

// kafkajs's own request queue, whose pending-queue checks are counted here (nothing of it is replaced by the test).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: { checkPendingRequests(): void } };

/**
 * An idle kafkajs client on the development broker: how often its connection's request queue looks at its empty pending
 * queue in half a second once a request has been answered — every millisecond in kafkajs 2.2.4, never once the loop is
 * stopped — and that requests still flow.
 */
describe('kafkajs’s idle timer loop', () => {
  let broker: TestKafka;
  const admins: Admin[] = [];
  const checksWhileIdle = async (): Promise<number> => {
    const admin = new Kafka({ clientId: 'idle-loop-test', brokers: broker.brokers, logLevel: logLevel.NOTHING }).admin();
    admins.push(admin);
    await admin.connect();
    await admin.listTopics(); // a request answered: from here the connection is idle
    const spy = jest.spyOn(RequestQueue.prototype, 'checkPendingRequests');
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };

  beforeAll(async () => {
    broker = await kafkaForTests();
  });
  afterAll(async () => {
    for (const admin of admins) await admin.disconnect();
    await broker?.stop();
  });

  it('spins without the fix: the empty queue is checked again and again (so the fix is still needed)', async () => {
    expect(kafkaIdleLoopStopped()).toBe(false);
    expect(await checksWhileIdle()).toBeGreaterThan(50);
  });

  it('stops spinning once stopped, and requests still flow', async () => {
    expect(stopKafkaIdleLoop()).toBe(true);
    expect(stopKafkaIdleLoop()).toBe(true); // idempotent
    expect(kafkaIdleLoopStopped()).toBe(true);
    expect(await checksWhileIdle()).toBe(0);
    const admin = admins[admins.length - 1];
    await admin.createTopics({ topics: [{ topic: 'idle-loop-check', numPartitions: 1 }] });
    expect(await admin.listTopics()).toContain('idle-loop-check');
  });
});
