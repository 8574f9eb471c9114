import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Admin } from 'kafkajs';
import { OPERATIONS_OPTIONS, OperationsOptions } from './operations-options';

/** Longest a readiness probe waits for Kafka to answer. */
const KAFKA_TIMEOUT_MS = 1500;

/** Kafka reachability for readiness: the cluster answers a metadata request within the timeout. */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    @Inject(OPERATIONS_OPTIONS) private readonly options: OperationsOptions,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReachable(key: string): Promise<HealthIndicatorResult> {
    const check = this.health.check(key);
    try {
      const cluster = await withTimeout(this.describeCluster(), KAFKA_TIMEOUT_MS, `Kafka did not answer within ${KAFKA_TIMEOUT_MS} ms`);
      return check.up({ brokers: cluster.brokers.length });
    } catch (err) {
      await this.dropAdmin();
      return check.down({ message: (err as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  private async describeCluster() {
    if (!this.admin) {
      this.admin = this.options.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
    }
    return this.admin.describeCluster();
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  work.catch(() => undefined); // a late failure after the timeout is already reported
  let timer: NodeJS.Timeout;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
