import { Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { KafkaHealthIndicator } from './kafka.health';
import { TrustListHealthIndicator } from './trust-list.health';

/** Longest a readiness probe waits for PostgreSQL to answer. */
const DATABASE_TIMEOUT_MS = 1500;

/** The parts readiness checks, in the order a 503 names them. */
export const READINESS_PARTS = ['database', 'kafka', 'trustList'] as const;

/** Readiness of this instance: PostgreSQL, Kafka and the trust list. Read by /health/ready and, at scrape time, /metrics. */
@Injectable()
export class ReadinessProbe {
  private last: { result: HealthCheckResult; atMs: number } | null = null;
  private inFlight: Promise<HealthCheckResult> | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly trustList: TrustListHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * A report no older than `maxAgeMs` (monotonic time, not the services' clock: this ages a probe, not business
   * time), checking now if the last is older. The operations console reads every service's /metrics every 2 s; a
   * database ping and a Kafka request per read would be load for nothing.
   */
  async recent(maxAgeMs: number): Promise<HealthCheckResult> {
    if (this.last && performance.now() - this.last.atMs <= maxAgeMs) return this.last.result;
    return this.check();
  }

  /** Terminus's report, ready or not (`status` is 'ok' or 'error', the parts down under `error`); checks at once. */
  check(): Promise<HealthCheckResult> {
    this.inFlight ??= this.probe().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async probe(): Promise<HealthCheckResult> {
    const result = await this.run();
    this.last = { result, atMs: performance.now() };
    return result;
  }

  private async run(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { connection: this.dataSource, timeout: DATABASE_TIMEOUT_MS }),
        () => this.kafka.isReachable('kafka'),
        () => this.trustList.check('trustList'),
      ]);
    } catch (err) {
      const result = (err as { response?: HealthCheckResult }).response;
      if (result) return result;
      throw err;
    }
  }
}
