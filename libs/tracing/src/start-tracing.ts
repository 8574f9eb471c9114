import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Environment } from '@idcard/settings';
import { projectSampler } from './root-sampler';
import { MaskIdentifiersProcessor, ServiceAttributesProcessor } from './span-processors';
import { setTracingOn } from './trace-context';
import { tracingSettingsFrom } from './tracing-settings';

/** Requests nobody wants a trace of: liveness, readiness and Prometheus scrapes. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

export interface TracingOptions {
  /** The resource's service.name: `registry-office-44` for one service, `idcard-system` for npm start's one process. */
  serviceName: string;
  /** Further resource attributes (idcard.service, idcard.province of a lone service). */
  resource?: Record<string, string>;
  /** Where spans go: OTLP/HTTP (OTEL_EXPORTER_OTLP_* variables) unless given (tests pass an in-memory exporter). */
  exporter?: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches. */
  exportEachSpan?: boolean;
}

export interface Tracing {
  /** The instrumentations registered (tests under jest apply them to the modules jest loads: libs/testing). */
  instrumentations: Instrumentation[];
  /** Exports what is buffered. */
  flush(): Promise<void>;
  /** Flushes, removes the instrumentations and the global provider: the process is as if tracing had never been on. */
  shutdown(): Promise<void>;
}

/**
 * Registers one tracer provider for the process (W3C trace context, AsyncLocalStorage context) and the
 * instrumentations of HTTP, Nest, pg and kafkajs. Call it before Nest, pg or kafkajs is first required: the
 * instrumentations patch the modules as they load (each entry point's `tracing.ts`, imported first).
 */
export function startTracing(options: TracingOptions): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, ...options.resource }),
    sampler: projectSampler(),
    spanProcessors: [
      new ServiceAttributesProcessor(),
      new MaskIdentifiersProcessor(),
      options.exportEachSpan
        ? new SimpleSpanProcessor(options.exporter ?? new OTLPTraceExporter())
        : new BatchSpanProcessor(options.exporter ?? new OTLPTraceExporter()),
    ],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const instrumentations: Instrumentation[] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      // Outgoing calls (a key set fetched, the OTLP export itself) only within a trace, never as traces of their own.
      requireParentforOutgoingSpans: true,
    }),
    new NestInstrumentation(),
    // The relay's and the schedulers' polling queries are no trace of their own; queries within a request or a message are.
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    // kafkajs's own spans for sends and batches outside the outbox and inbox (dead letters); the outbox relay and the
    // inbox make their own per message, under the stored or received context (libs/messaging message-tracing.ts).
    new KafkaJsInstrumentation(),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });
  setTracingOn(true);
  return {
    instrumentations,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      setTracingOn(false);
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Tracing for a process as its environment says: off (null) unless OTEL_EXPORTER_OTLP_ENDPOINT is set. `service`
 * names the process: a service of the province in PROVINCE_CODE (`registry-office-44`), or, with `sharedProcess`, a
 * process of many services and provinces (npm start's `idcard-system`), whose spans say theirs in span attributes.
 */
export function startTracingFromEnv(service: string, env: Environment = process.env, { sharedProcess = false } = {}): Tracing | null {
  const settings = tracingSettingsFrom(env);
  if (settings.endpoint === null) return null;
  const province = sharedProcess ? null : settings.province;
  const serviceName = province ? `${service}-${province}` : service;
  const resource: Record<string, string> = province ? { 'idcard.service': service, 'idcard.province': province } : {};
  return startTracing({ serviceName, resource });
}
