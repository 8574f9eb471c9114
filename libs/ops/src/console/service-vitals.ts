import { parsePrometheusText, sumOf } from '../prometheus/prometheus-text';
import { SERVICE_METRICS } from '../prometheus/service-metric-names';

/** A service the console watches: it reads the service's /metrics. */
export interface WatchedService {
  name: string;
  province: string;
  /** Base URL, e.g. http://127.0.0.1:3440 */
  url: string;
}

/** What the console shows of a service besides its consumer lag; null where the service does not report it. */
export interface ServiceVitals extends WatchedService {
  up: boolean;
  error: string | null;
  outboxBacklog: number | null;
  outboxOldestAgeSeconds: number | null;
  deadlinesAtRisk: number | null;
  deadlinesBreached: number | null;
  deadLettered: number | null;
  scrapedAtMs: number | null;
}

/** Longest the console waits for a service's /metrics. */
const SCRAPE_TIMEOUT_MS = 1500;

/**
 * Scrapes one service's /metrics and picks out the outbox, deadline and dead-letter figures. An aborted `signal` (the
 * console stopping) drops the request at once: a stopping service closes its HTTP server only once every connection has.
 */
export async function readServiceVitals(service: WatchedService, now: () => number = Date.now, signal?: AbortSignal): Promise<ServiceVitals> {
  try {
    const timeout = AbortSignal.timeout(SCRAPE_TIMEOUT_MS);
    const response = await fetch(`${service.url.replace(/\/$/, '')}/metrics`, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
    const parsed = parsePrometheusText(await response.text());
    // NaN is how a service says "unknown right now" (its database is down).
    const known = (n: number | null) => (n === null || Number.isNaN(n) ? null : n);
    return {
      ...service,
      up: true,
      error: null,
      outboxBacklog: known(sumOf(parsed, SERVICE_METRICS.outboxBacklog)),
      outboxOldestAgeSeconds: known(sumOf(parsed, SERVICE_METRICS.outboxOldestAge)),
      deadlinesAtRisk: known(sumOf(parsed, SERVICE_METRICS.deadlinesAtRisk)),
      deadlinesBreached: known(sumOf(parsed, SERVICE_METRICS.deadlinesBreached)),
      deadLettered: sumOf(parsed, SERVICE_METRICS.deadLettered) ?? 0,
      scrapedAtMs: now(),
    };
  } catch (err) {
    // fetch() says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause.
    const cause = (err as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err as Error).message;
    return { ...unknownVitals(service), error: reason };
  }
}

/** A service not (yet) scraped successfully. */
export function unknownVitals(service: WatchedService): ServiceVitals {
  return {
    ...service,
    up: false,
    error: 'not scraped yet',
    outboxBacklog: null,
    outboxOldestAgeSeconds: null,
    deadlinesAtRisk: null,
    deadlinesBreached: null,
    deadLettered: null,
    scrapedAtMs: null,
  };
}
