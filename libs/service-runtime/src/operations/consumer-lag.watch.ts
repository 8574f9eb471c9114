import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LagMonitor, LagReport } from '@idcard/ops';
import { OPERATIONS_OPTIONS, OperationsOptions } from './operations-options';

/** The service's own consumer groups, sampled on a timer for /metrics: lag, time lag, status. */
@Injectable()
export class ConsumerLagWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagWatch.name);
  private readonly monitor: LagMonitor;
  private failing = false;

  constructor(@Inject(OPERATIONS_OPTIONS) private readonly options: OperationsOptions) {
    this.monitor = new LagMonitor({
      kafka: options.kafka,
      selection: {
        groupIds: options.consumerGroups.map((g) => g.groupId),
        topicsByGroup: Object.fromEntries(options.consumerGroups.map((g) => [g.groupId, g.topics])),
      },
      windowMs: options.lagWindowMs,
      onError: (err) => {
        // Once per outage, not once per sample.
        if (!this.failing)
          this.logger.warn({ event: 'consumer-lag.sample-failed', consumerGroups: options.consumerGroups.map((g) => g.groupId), error: err.message });
        this.failing = true;
      },
    });
  }

  onApplicationBootstrap(): void {
    this.monitor.start(this.options.lagSampleIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.monitor.stop();
  }

  /** The latest report, sampled now if the last sample is older than one interval. */
  async report(): Promise<LagReport> {
    const report = await this.monitor.freshReport(this.options.lagSampleIntervalMs);
    if (this.monitor.lastError === null) this.failing = false;
    return report;
  }
}
