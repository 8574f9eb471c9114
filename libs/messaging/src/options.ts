import type { Clock } from '@idcard/clock';
import type { ServiceName } from '@idcard/contracts';
import type { Kafka } from 'kafkajs';

export type { ServiceName };

/** Which service of which province this process is: the source of everything it sends. */
export interface ServiceIdentity {
  service: ServiceName;
  province: string;
}

export interface MessagingOptions {
  identity: ServiceIdentity;
  kafka: Kafka;
  /** The service's clock: message times, relay pacing and the inbox's records of what it applied. */
  clock: Clock;
  /** The consumer group, e.g. idcard-registry-office-44. */
  consumerGroup: string;
  /** Topics addressed to this service of this province. */
  topics: string[];
  /** How often the outbox relay looks for unsent messages when nothing wakes it (ms). */
  relayIntervalMs?: number;
  /** Attempts at a message whose handler keeps failing before it is dead-lettered. */
  maxAttempts?: number;
  /** Longest a consumer's fetch waits for data (ms): also how long a shutdown may wait for one. */
  maxWaitTimeInMs?: number;
  /** Told of every message parked on a dead-letter topic (its original topic and the reason): feeds a metric. */
  onDeadLetter?: (topic: string, reason: string) => void;
  /** Join the consumer group but fetch nothing until resumed (the demo's stalled province). */
  consumerStartsPaused?: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MessagingOptions');

export const DEAD_LETTER_HEADERS = {
  reason: 'x-dead-letter-reason',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  service: 'x-dead-lettered-by',
  at: 'x-dead-lettered-at',
} as const;
