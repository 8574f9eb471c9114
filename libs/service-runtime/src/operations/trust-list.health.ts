import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { OPERATIONS_OPTIONS, OperationsOptions } from './operations-options';

/**
 * The trust list for readiness: down once it is past its next-update time, because from then on every incoming
 * message is refused (stale-trust-list) until a newer list is loaded — as X-Road does with stale global configuration.
 */
@Injectable()
export class TrustListHealthIndicator {
  constructor(
    @Inject(OPERATIONS_OPTIONS) private readonly options: OperationsOptions,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key: string): HealthIndicatorResult {
    const status = this.options.trust.status();
    const facts = {
      version: status.version,
      nextUpdateBy: status.nextUpdateBy.toISOString(),
      signingKeyId: status.signingKeyId,
      ...(status.lastReloadProblem ? { lastReloadProblem: status.lastReloadProblem } : {}),
    };
    const indicator = this.health.check(key);
    if (status.stale) return indicator.down({ ...facts, message: 'the trust list is past its next-update time: incoming messages are refused' });
    if (!status.signingKeyId) return indicator.down({ ...facts, message: 'no signing key of this service is valid in the trust list' });
    return indicator.up(facts);
  }
}
