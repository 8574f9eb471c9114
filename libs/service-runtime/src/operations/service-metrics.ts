import { BoundedLabelValues, deadLetterReasonLabel, SERVICE_METRICS } from '@idcard/ops';
import { VerificationFailure } from '@idcard/trust';
import { Counter, Histogram, Registry } from 'prom-client';

/** Distinct dead-letter reasons counted per service before new ones fall under `other`. */
const MAX_DEAD_LETTER_REASONS = 50;

/**
 * The Prometheus registry of one service instance, never prom-client's global one: npm start runs several
 * services in one process, each with its own /metrics. Every series carries the service and province.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly deadLetters: Counter<'topic' | 'reason'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly rejections: Counter<'reason'>;
  private readonly auditFailures: Counter<'reason'>;
  private readonly reasons = new BoundedLabelValues(MAX_DEAD_LETTER_REASONS);

  constructor(identity: { service: string; province: string }) {
    this.registry.setDefaultLabels({ service: identity.service, province: identity.province });
    this.deadLetters = new Counter({
      name: SERVICE_METRICS.deadLettered,
      help: 'Messages parked on a dead-letter topic, by original topic and reason (first clause, numbers as #)',
      labelNames: ['topic', 'reason'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: SERVICE_METRICS.httpDuration,
      help: 'HTTP request durations in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.rejections = new Counter({
      name: SERVICE_METRICS.rejectedMessages,
      help: 'Messages refused by the checks on receipt (signature, unknown-key, expired-key, not-allowed, stale-trust-list, clock-skew)',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.auditFailures = new Counter({
      name: SERVICE_METRICS.auditAppendFailures,
      help: 'Audited requests answered without their audit entry: database-unavailable (past the patience) or refused',
      labelNames: ['reason'],
      registers: [this.registry],
    });
  }

  /** An audited request answered without its audit entry. */
  auditAppendFailed(reason: 'database-unavailable' | 'refused'): void {
    this.auditFailures.inc({ reason });
  }

  /** The reason is one of a fixed set (libs/trust VERIFICATION_FAILURES), so the label stays bounded. */
  rejected(reason: VerificationFailure): void {
    this.rejections.inc({ reason });
  }

  deadLettered(topic: string, reason: string): void {
    this.deadLetters.inc({ topic, reason: this.reasons.admit(deadLetterReasonLabel(reason)) });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
