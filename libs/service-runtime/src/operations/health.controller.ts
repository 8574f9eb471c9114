import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
import { unavailableCode } from '../outage';
import { KafkaHealthIndicator } from './kafka.health';
import { TrustListHealthIndicator } from './trust-list.health';

/** Longest a readiness probe waits for PostgreSQL to answer. */
const DATABASE_TIMEOUT_MS = 1500;

/** Liveness and readiness probes for Kubernetes and load balancers. */
@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  private wasReady: boolean | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly trustList: TrustListHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers HTTP (restart it if not)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Kafka answer and the trust list is current (503 if not)' })
  ready(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Same as /health/ready' })
  all(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  private async readiness(): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { connection: this.dataSource, timeout: DATABASE_TIMEOUT_MS }),
        () => this.kafka.isReachable('kafka'),
        () => this.trustList.check('trustList'),
      ]);
      this.changed(true, result);
      return result;
    } catch (err) {
      const result = (err as { response?: HealthCheckResult }).response;
      this.changed(false, result);
      throw result ? new ServiceUnavailableException(notReadyBody(result)) : err;
    }
  }

  /** Logs a change of readiness once, not every probe. */
  private changed(ready: boolean, result: HealthCheckResult | undefined): void {
    if (this.wasReady === ready) return;
    if (this.wasReady !== null || !ready) {
      this.logger[ready ? 'log' : 'warn']({ event: ready ? 'health.ready' : 'health.not-ready', down: Object.keys(result?.error ?? {}) });
    }
    this.wasReady = ready;
  }
}

/**
 * Terminus's report (status, info, error, details: what probes read) with the one error body's fields beside it: the
 * code and `part` of the first part down (database before kafka before the trust list), and every part down in
 * `errors`. Its `error` stays Terminus's map of the parts down. The error filter adds Retry-After.
 */
function notReadyBody(result: HealthCheckResult): Record<string, unknown> {
  const down = Object.entries(result.error ?? {});
  const part = down[0]?.[0] ?? 'service';
  const reasonOf = (details: Record<string, unknown>) => (typeof details.message === 'string' ? details.message : 'down');
  return {
    ...result,
    statusCode: 503,
    code: unavailableCode(part),
    part,
    message: `not ready: ${down.map(([name]) => name).join(', ') || 'a check failed'} unavailable`,
    errors: down.map(([field, details]) => ({ field, reason: reasonOf(details as Record<string, unknown>) })),
  };
}
