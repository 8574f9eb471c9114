// Imported first by start.ts and demo.ts: the instrumentations must be registered before Nest, pg and kafkajs are required.
import { startTracingFromEnv } from '@idcard/tracing';

/**
 * One tracer provider for the one process of npm start and the demo (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): every service of
 * every province shares it, so spans go out as service `idcard-system` and name their own in the span attributes
 * idcard.service and idcard.province. With --processes each service process traces itself as `<service>-<province>`.
 */
export const tracing = startTracingFromEnv('idcard-system', process.env, { sharedProcess: true });
