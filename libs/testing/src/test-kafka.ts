import { startDevBroker } from '@idcard/devbroker';

export interface TestKafka {
  brokers: string[];
  source: 'KAFKA_BROKERS' | 'devbroker';
  stop(): Promise<void>;
}

/**
 * Kafka for one test suite: the cluster in KAFKA_BROKERS when it is set (jest.setup.js gives the suite a
 * KAFKA_NAMESPACE of its own there), otherwise a development broker of the suite's own on a free port.
 */
export async function kafkaForTests(env: Record<string, string | undefined> = process.env): Promise<TestKafka> {
  const fromEnv = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (fromEnv.length) return { brokers: fromEnv, source: 'KAFKA_BROKERS', stop: async () => undefined };
  const broker = await startDevBroker({ port: 0 });
  return { brokers: broker.brokers, source: 'devbroker', stop: () => broker.stop() };
}
