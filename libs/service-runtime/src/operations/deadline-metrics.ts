/** Deadlines of the 60-day limit a service is watching: at risk (warned, not yet met) and breached. */
export interface DeadlineMetrics {
  atRisk: number;
  breached: number;
}

/**
 * What a service provides under DEADLINE_METRICS to have its deadlines on /metrics (`idcard_deadlines_at_risk`,
 * `idcard_deadlines_breached`), e.g. `{ provide: DEADLINE_METRICS, useExisting: DeadlineWatch }` in any of its
 * modules. Without one, those metrics are simply absent.
 */
export interface DeadlineMetricsSource {
  deadlineMetrics(): DeadlineMetrics | Promise<DeadlineMetrics>;
}

export const DEADLINE_METRICS = Symbol('DeadlineMetrics');
