import { Environment, SettingsReader } from '@idcard/settings';

/** Whether and where a process exports its traces. */
export interface TracingSettings {
  /** The OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT); null leaves tracing off. */
  endpoint: string | null;
  /** Of a deployment of one service (PROVINCE_CODE); null when several provinces share the process. */
  province: string | null;
}

/**
 * Tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then the OTLP exporter reads it (and the other
 * OTEL_EXPORTER_OTLP_* variables) itself. A malformed endpoint stops the process instead of losing every span quietly.
 */
export function tracingSettingsFrom(env: Environment): TracingSettings {
  const read = new SettingsReader(env);
  const endpoint = read.text('OTEL_EXPORTER_OTLP_ENDPOINT') ?? null;
  if (endpoint !== null && !/^https?:\/\/[^/\s]+/.test(endpoint))
    read.problem(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL of an OTLP collector, got ${JSON.stringify(endpoint)}`);
  const province = read.text('PROVINCE_CODE') ?? null;
  read.check('tracing');
  return { endpoint, province };
}
