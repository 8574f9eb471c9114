import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CLOCK, Clock } from '@idcard/clock';
import { OutboxRelay } from '@idcard/messaging';
import { registerLagMetrics, SERVICE_METRICS } from '@idcard/ops';
import { Gauge } from 'prom-client';
import { ConsumerLagWatch } from './consumer-lag.watch';
import { DEADLINE_METRICS, DeadlineMetricsSource } from './deadline-metrics';
import { OPERATIONS_OPTIONS, OperationsOptions } from './operations-options';
import { READINESS_PARTS, ReadinessProbe } from './readiness.probe';

/** How old a readiness result /metrics may show (ms). */
const READINESS_MAX_AGE_MS = 5_000;

/** Registers the gauges read at scrape time: consumer lag, outbox backlog, deadlines (when the service provides them). */
@Injectable()
export class ServiceMetricsCollectors implements OnModuleInit {
  constructor(
    @Inject(OPERATIONS_OPTIONS) private readonly options: OperationsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lag: ConsumerLagWatch,
    private readonly relay: OutboxRelay,
    private readonly readiness: ReadinessProbe,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const registry = this.options.metrics.registry;
    registerLagMetrics(registry, () => this.lag.report());

    const backlog = shareInFlight(() => this.relay.backlog().catch(() => null));
    const clock = this.clock;
    new Gauge({
      name: SERVICE_METRICS.outboxBacklog,
      help: 'Outbox messages not yet published to Kafka',
      registers: [registry],
      async collect() {
        const b = await backlog();
        // The database is unreachable: NaN (no value) rather than a stale or a false 0.
        this.set(b ? b.messages : NaN);
      },
    });
    new Gauge({
      name: SERVICE_METRICS.outboxOldestAge,
      help: 'Age in seconds of the oldest outbox message not yet published (0 when none waits)',
      registers: [registry],
      async collect() {
        const b = await backlog();
        // created_at is written by the services' clock (which the demo moves), so its age is measured by it too.
        if (!b) this.set(NaN);
        else this.set(b.oldestCreatedAt ? Math.max(0, (clock.now().getTime() - b.oldestCreatedAt.getTime()) / 1000) : 0);
      },
    });

    const trust = this.options.trust;
    new Gauge({
      name: SERVICE_METRICS.trustListVersion,
      help: 'Version of the national trust list in force',
      registers: [registry],
      collect() {
        this.set(trust.status().version);
      },
    });
    new Gauge({
      name: SERVICE_METRICS.trustListStale,
      help: '1 when the trust list in force is past its next-update time: incoming messages are refused until a newer one loads',
      registers: [registry],
      collect() {
        this.set(trust.status().stale ? 1 : 0);
      },
    });
    new Gauge({
      name: SERVICE_METRICS.trustListNextUpdate,
      help: 'When the trust list in force must be replaced (Unix time in seconds): alert well before it',
      registers: [registry],
      collect() {
        this.set(trust.status().nextUpdateBy.getTime() / 1000);
      },
    });

    // Prometheus cannot read a 503: readiness as a gauge, so a rule can alert on it without a blackbox prober.
    // A result up to 5 s old serves: Prometheus scrapes every 15 s, the operations console every 2 s.
    const readiness = this.readiness;
    new Gauge({
      name: SERVICE_METRICS.ready,
      help: 'Readiness of this instance by part (database, kafka, trustList): 1 up, 0 down, as /health/ready answers now',
      labelNames: ['part'],
      registers: [registry],
      async collect() {
        const result = await readiness.recent(READINESS_MAX_AGE_MS).catch(() => null);
        for (const part of READINESS_PARTS) this.set({ part }, result?.info?.[part]?.status === 'up' ? 1 : 0);
      },
    });

    const deadlines = this.deadlineSource();
    if (!deadlines) return;
    const read = shareInFlight(() => Promise.resolve(deadlines.deadlineMetrics()).catch(() => null));
    new Gauge({
      name: SERVICE_METRICS.deadlinesAtRisk,
      help: 'Applications whose 60-day deadline is at risk (warned, not yet met)',
      registers: [registry],
      async collect() {
        const m = await read();
        this.set(m ? m.atRisk : NaN);
      },
    });
    new Gauge({
      name: SERVICE_METRICS.deadlinesBreached,
      help: 'Applications whose 60-day deadline has passed unmet',
      registers: [registry],
      async collect() {
        const m = await read();
        this.set(m ? m.breached : NaN);
      },
    });
  }

  /** The service's DEADLINE_METRICS provider, wherever in the application it is declared; none by default. */
  private deadlineSource(): DeadlineMetricsSource | null {
    try {
      return this.moduleRef.get<DeadlineMetricsSource>(DEADLINE_METRICS, { strict: false });
    } catch {
      return null;
    }
  }
}

/** One call serves every gauge of one scrape: prom-client collects them all at once, so calls in flight are shared. */
function shareInFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => (inFlight ??= read().finally(() => (inFlight = null)));
}
