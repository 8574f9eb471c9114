import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
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
      this.changed(false, (err as { response?: HealthCheckResult }).response);
      throw err;
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
