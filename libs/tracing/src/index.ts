// OpenTelemetry for the services (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): the provider, the instrumentations,
// and the trace context the outbox keeps and Kafka records carry.
export * from './root-sampler';
export * from './service-context';
export * from './span-processors';
export * from './start-tracing';
export * from './trace-context';
export * from './tracing-settings';
