import { Broker } from './broker';
import type { DevBrokerOptions } from './config';

export type { DevBrokerOptions } from './config';
export type { SaslMechanism, SaslOptions } from './sasl';

export interface DevBroker {
  /** Bootstrap addresses for a Kafka client, e.g. ['127.0.0.1:19092']. */
  brokers: string[];
  port: number;
  /** Fetch requests waiting for data at this moment (long polls), for tests. */
  waitingFetches(): number;
  stop(): Promise<void>;
}

/**
 * Starts a Kafka-wire-compatible single-node broker for development and tests. Never for production:
 * production runs Apache Kafka.
 */
export async function startDevBroker(options: DevBrokerOptions = {}): Promise<DevBroker> {
  const broker = new Broker(options);
  await broker.listen();
  let stopping: Promise<void> | null = null;
  return {
    brokers: [`${broker.advertisedHost}:${broker.port}`],
    port: broker.port,
    waitingFetches: () => broker.waitingFetches,
    stop: () => (stopping ??= broker.stop()),
  };
}
