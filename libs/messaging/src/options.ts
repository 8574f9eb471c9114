import type { BiometricsKeyring } from '@idcard/biometrics';
import type { Clock } from '@idcard/clock';
import type { ServiceName } from '@idcard/contracts';
import type { MessageSignature, ReceivedMessage, SignedContent, Verification, VerificationFailure } from '@idcard/trust';
import type { Kafka } from 'kafkajs';

export type { ServiceName };

/** Which service of which province this process is: the source of everything it sends. */
export interface ServiceIdentity {
  service: ServiceName;
  province: string;
}

/** What messaging needs of the trust between provinces; libs/trust's ServiceTrust implements it. */
export interface MessageTrust {
  /** Signs exactly what travels: topic, key and the value bytes. Throws when the service holds no key valid now. */
  sign(content: SignedContent): MessageSignature;
  /** The whole check on receipt (verifyMessage against the current trust list, the access rights and the clock window). */
  verify(message: ReceivedMessage): Verification;
}

export interface MessagingOptions {
  identity: ServiceIdentity;
  /** Signs every message the outbox sends and checks every message the inbox receives, before anything is applied. */
  trust: MessageTrust;
  /** Told of every message refused by the checks (bounded reasons): feeds idcard_rejected_messages_total{reason}. */
  onRejected?: (reason: VerificationFailure) => void;
  kafka: Kafka;
  /** The service's clock: message times, relay pacing and the inbox's records of what it applied. */
  clock: Clock;
  /** The consumer group, e.g. idcard-registry-office-44. */
  consumerGroup: string;
  /** Topics addressed to this service of this province, read in the consumer group above. */
  topics: string[];
  /**
   * Topics someone is waiting on (libs/contracts topic-lanes), read by a consumer and group of their own, so a busy
   * application flow never holds them up: requests, replies, the national broadcasts. None: one consumer for all.
   */
  promptLane?: { consumerGroup: string; topics: string[] };
  /** How often the outbox relay looks for unsent messages when nothing wakes it (ms; default 5000: every commit that adds to the outbox wakes it). */
  relayIntervalMs?: number;
  /** Attempts at a message whose handler keeps failing before it is dead-lettered. */
  maxAttempts?: number;
  /** Partitions each consumer applies at once, a transaction (a pooled connection) each; default 3. */
  partitionsConsumedConcurrently?: number;
  /** Longest a consumer's fetch waits for data (ms): also how long a shutdown may wait for one. */
  maxWaitTimeInMs?: number;
  /** Told of every message parked on a dead-letter topic (its original topic and the reason): feeds a metric. */
  onDeadLetter?: (topic: string, reason: string) => void;
  /** Join the consumer group but fetch nothing until resumed (the demo's stalled province). */
  consumerStartsPaused?: boolean;
  /**
   * Some messages carry a citizen's photo and fingerprints: the outbox row's body and the message log's values are
   * sealed at rest with this keyring (and opened to send or to verify). Without one they are stored as they are.
   */
  biometrics?: BiometricsKeyring;
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
