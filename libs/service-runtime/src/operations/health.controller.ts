import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { unavailableCode } from '../outage';
import { ReadinessProbe } from './readiness.probe';

/** Liveness and readiness probes for Kubernetes and load balancers. */
@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  private wasReady: boolean | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly readinessProbe: ReadinessProbe,
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
    const result = await this.readinessProbe.check();
    const ready = result.status === 'ok';
    this.changed(ready, result);
    if (!ready) throw new ServiceUnavailableException(notReadyBody(result));
    return result;
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
