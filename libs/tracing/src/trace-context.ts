import {
  Attributes,
  Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  TextMapGetter,
  Tracer,
} from '@opentelemetry/api';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';

/** The W3C trace context of a span, as an outbox row keeps it and a Kafka record carries it (`traceparent`, `tracestate`). */
export interface StoredTraceContext {
  traceparent: string;
  tracestate: string | null;
}

/** Only the W3C trace context travels (no baggage): it is all a trace needs, and what an outbox row has columns for. */
const w3c = new W3CTraceContextPropagator();

let tracingOn = false;

/** Set by startTracing: while off, nothing here reads a context or writes a header. */
export function setTracingOn(on: boolean): void {
  tracingOn = on;
}

export function isTracingOn(): boolean {
  return tracingOn;
}

/** The tracer of this project's own spans (the outbox's producer spans, the inbox's consumer spans). */
export function projectTracer(): Tracer {
  return trace.getTracer('idcard-exchange');
}

/** The trace context of the active span, to be kept with what it causes later (an outbox row); null with tracing off or no span active. */
export function activeTraceContext(): StoredTraceContext | null {
  if (!tracingOn) return null;
  const carrier: Record<string, string> = {};
  w3c.inject(context.active(), carrier, defaultTextMapSetter);
  return carrier.traceparent ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate ?? null } : null;
}

/** The trace context a row keeps in its trace_parent and trace_state columns; null when it has none. */
export function storedTraceOf(row: { traceParent: string | null; traceState: string | null }): StoredTraceContext | null {
  return row.traceParent ? { traceparent: row.traceParent, tracestate: row.traceState } : null;
}

/** A context whose remote parent is the stored span: what is started under it continues that trace. */
export function contextOfStored(stored: StoredTraceContext): Context {
  const carrier: Record<string, string> = { traceparent: stored.traceparent };
  if (stored.tracestate) carrier.tracestate = stored.tracestate;
  return w3c.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** Writes `traceparent` (and `tracestate`) of the span active in `ctx` into Kafka headers. */
export function injectTraceHeaders(ctx: Context, headers: Record<string, string | Buffer>): void {
  w3c.inject(ctx, headers, defaultTextMapSetter);
}

type Headers = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** kafkajs hands headers over as Buffers. */
const kafkaHeaderGetter: TextMapGetter<Headers> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

/** The context a received Kafka record's `traceparent` names as parent; ROOT_CONTEXT when it has none (or tracing is off). */
export function contextFromHeaders(headers: Headers | undefined): Context {
  if (!tracingOn || !headers) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, headers, kafkaHeaderGetter);
}

/** The ids of the active span, for a log line: nothing when no span is active. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  if (!tracingOn) return {};
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

/**
 * Runs `fn` with the instrumentations silenced: the outbox relay hands kafkajs records that already carry the trace
 * they belong to, which kafkajs's instrumentation would otherwise overwrite with the relay's own context.
 */
export function withoutInstrumentation<T>(fn: () => T): T {
  return tracingOn ? context.with(suppressTracing(context.active()), fn) : fn();
}

/**
 * Runs `fn` in a span that continues a stored trace: work that one trace started and a timer, another message or
 * another request does later (the production line making an order's card, a clerk recording its arrival). The span
 * links to the span active when it starts (the request or message doing the work), so each trace leads to the other.
 * As is when tracing is off, nothing was stored, or the work already runs in the stored trace.
 */
export async function continueStoredTrace<T>(
  stored: StoredTraceContext | null,
  span: { name: string; attributes?: Attributes },
  fn: () => Promise<T>,
): Promise<T> {
  if (!tracingOn || !stored) return fn();
  const remote = trace.getSpanContext(contextOfStored(stored));
  const cause = trace.getActiveSpan()?.spanContext();
  if (!remote || cause?.traceId === remote.traceId) return fn();
  // The active context stays (the service it runs for); only the parent span is the stored one.
  const parent = trace.setSpanContext(context.active(), remote);
  const links = cause && isSpanContextValid(cause) ? [{ context: cause }] : [];
  const continued = projectTracer().startSpan(span.name, { attributes: span.attributes, links }, parent);
  try {
    return await context.with(trace.setSpan(parent, continued), fn);
  } catch (err) {
    continued.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    continued.end();
  }
}
