import type { Clock } from '@idcard/clock';
import type { ServiceTrust } from '@idcard/trust';
import type { Kafka } from 'kafkajs';
import type { ServiceMetrics } from './service-metrics';

/** What the operations endpoints of one service need: its registry, its Kafka client, its group and topics. */
export interface OperationsOptions {
  metrics: ServiceMetrics;
  kafka: Kafka;
  clock: Clock;
  /** The trust list in force: its staleness is part of readiness and of /metrics. */
  trust: ServiceTrust;
  /** The service's consumer groups (its own, and its prompt lane's when it has one), each with the topics it reads. */
  consumerGroups: { groupId: string; topics: string[] }[];
  /** Burrow-style status window (ms). */
  lagWindowMs: number;
  /** How often the group's offsets are sampled (ms): the resolution of the time-lag estimate. */
  lagSampleIntervalMs: number;
}

export const OPERATIONS_OPTIONS = Symbol('OperationsOptions');

/** Default status window of a service's own group, and how often it is sampled. */
export const DEFAULT_LAG_WINDOW_MS = 60_000;
export const DEFAULT_LAG_SAMPLE_INTERVAL_MS = 2_000;
