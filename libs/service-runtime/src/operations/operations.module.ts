import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CLOCK } from '@idcard/clock';
import { ConsumerLagWatch } from './consumer-lag.watch';
import { HealthController } from './health.controller';
import { KafkaHealthIndicator } from './kafka.health';
import { TrustListHealthIndicator } from './trust-list.health';
import { MetricsController } from './metrics.controller';
import { OPERATIONS_OPTIONS, OperationsOptions } from './operations-options';
import { ReadinessProbe } from './readiness.probe';
import { ServiceMetrics } from './service-metrics';
import { ServiceMetricsCollectors } from './service-metrics.collectors';

/** /metrics and /health of one service instance. */
@Module({})
export class OperationsModule {
  /** `messaging` is the service's MessagingModule: the outbox backlog and the inbox's lag come from it. */
  static forRoot(options: OperationsOptions, messaging: DynamicModule): DynamicModule {
    return {
      module: OperationsModule,
      imports: [TerminusModule.forRoot({ logger: false }), messaging],
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: OPERATIONS_OPTIONS, useValue: options },
        { provide: ServiceMetrics, useValue: options.metrics },
        { provide: CLOCK, useValue: options.clock },
        ConsumerLagWatch,
        KafkaHealthIndicator,
        TrustListHealthIndicator,
        ReadinessProbe,
        ServiceMetricsCollectors,
      ],
    };
  }
}
