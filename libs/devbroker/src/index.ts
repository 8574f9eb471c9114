import { lockDirectory } from '@idcard/process-lock';
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
  // Two brokers on one directory would interleave their appends to the same partition files: one left by a crashed
  // run is taken over, a live one waited for, then refused.
  const lock = options.dataDir
    ? await lockDirectory(options.dataDir, {
        what: 'the development broker',
        waitMs: options.inUseWaitMs,
        log: (message) => options.log?.({ event: 'data-dir', message }),
      })
    : undefined;
  let broker: Broker;
  try {
    broker = new Broker(options);
    await broker.listen();
  } catch (err) {
    await lock?.release();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  return {
    brokers: [`${broker.advertisedHost}:${broker.port}`],
    port: broker.port,
    waitingFetches: () => broker.waitingFetches,
    stop: () => (stopping ??= broker.stop().finally(() => lock?.release())),
  };
}
