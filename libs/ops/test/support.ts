import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';

export { waitFor } from '@idcard/testing';

export function kafkaFor(brokers: string[], clientId = 'ops-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } });
}

/** A kafkajs consumer that records what it gets; the test pauses and resumes it. */
export async function recordingConsumer(kafka: Kafka, groupId: string, topic: string): Promise<{ consumer: Consumer; received: string[] }> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 500 });
  const received: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value?.toString() ?? '') });
  return { consumer, received };
}

export async function produce(producer: Producer, topic: string, count: number, prefix = 'm'): Promise<void> {
  await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `${prefix}-${i}` })) });
}

/** A clock the test moves by hand, for the status window and the time-lag table. */
export class ManualClock {
  constructor(private ms = 1_700_000_000_000) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
