import type { ServiceMetrics } from './service-metrics';

/** The parts of Express's request and response the timing needs (Express ships no types of its own here). */
interface TimedRequest {
  method: string;
  baseUrl?: string;
  route?: { path?: string };
}
interface TimedResponse {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Times every HTTP request into http_request_duration_seconds. The route label is the matched route pattern
 * (`/applications/:receiptNumber`), never the raw path, so receipt numbers do not become label values.
 */
export function httpMetricsMiddleware(metrics: ServiceMetrics) {
  return (req: TimedRequest, res: TimedResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, seconds);
    });
    next();
  };
}
