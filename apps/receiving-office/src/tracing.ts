// Imported first by main.ts: the instrumentations must be registered before Nest, pg and kafkajs are required.
import '../../../libs/service-runtime/src/module-paths';
import { startTracingFromEnv } from '@idcard/tracing';

/** Off (null) unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then spans go out as service receiving-office-<PROVINCE_CODE>. */
export const tracing = startTracingFromEnv('receiving-office');
