import { Kafka, logLevel } from 'kafkajs';

export { waitFor } from '@idcard/testing';

export function kafkaFor(brokers: string[], clientId = 'devbroker-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
}
