import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ServiceTrust } from '@idcard/trust';

export const SERVICE_TRUST = Symbol('ServiceTrust');
export const TRUST_RELOAD_INTERVAL_MS = Symbol('TrustReloadIntervalMs');

/** Keeps the trust list in force current: reloads it from its source on a timer and logs every change or refusal. */
@Injectable()
export class TrustListWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TrustList');

  constructor(
    @Inject(SERVICE_TRUST) private readonly trust: ServiceTrust,
    @Inject(TRUST_RELOAD_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    const status = this.trust.status();
    this.logger.log({
      event: 'trust-list.loaded',
      version: status.version,
      nextUpdateBy: status.nextUpdateBy.toISOString(),
      signingKeyId: status.signingKeyId,
    });
    this.trust.watch(this.intervalMs, (result) => {
      if (result.outcome === 'replaced') this.logger.log({ event: 'trust-list.replaced', from: result.from, to: result.to });
      else if (result.outcome === 'refused') this.logger.warn({ event: 'trust-list.refused', reason: result.reason });
    });
  }

  beforeApplicationShutdown(): void {
    this.trust.unwatch();
  }
}
