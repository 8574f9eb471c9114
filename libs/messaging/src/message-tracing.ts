import { Context, context, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { asService, contextFromHeaders, contextOfStored, injectTraceHeaders, isTracingOn, projectTracer, TracedService } from '@idcard/tracing';
import type { IHeaders } from 'kafkajs';

/** What the relay knows of an outbox row when it sends it. */
export interface OutgoingRecord {
  topic: string;
  messageId: string;
  messageType: string;
  traceParent: string | null;
  traceState: string | null;
}

/**
 * The producer span of one outbox row: a child of the span the row was written in (a new trace when it was written
 * outside any, e.g. by a scheduler), its traceparent written into the record's headers. Null with tracing off: the
 * headers stay as they were. The headers are not signed (libs/trust signs topic, key and value), so adding them
 * leaves the stored signature valid.
 */
export function startProducerSpan(record: OutgoingRecord, service: TracedService, headers: Record<string, string | Buffer>): Span | null {
  if (!isTracingOn()) return null;
  const stored = record.traceParent ? contextOfStored({ traceparent: record.traceParent, tracestate: record.traceState }) : ROOT_CONTEXT;
  const parent = asService(stored, service);
  const span = projectTracer().startSpan(
    `send ${record.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': record.topic,
        'messaging.message.id': record.messageId,
        'idcard.message_type': record.messageType,
      },
    },
    parent,
  );
  injectTraceHeaders(trace.setSpan(parent, span), headers);
  return span;
}

/** Ends producer spans once their batch is acknowledged (or failed). */
export function endProducerSpans(spans: (Span | null)[], error?: unknown): void {
  for (const span of spans) if (span) endSpan(span, error);
}

/** What the inbox knows of a message it is about to apply. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  headers: IHeaders | undefined;
  messageId: string;
  messageType: string;
  correlationId: string;
}

/**
 * The consumer span of one received message, continuing the trace its `traceparent` header names (the sender's
 * producer span), and the context to apply it in: outbox rows its handler writes carry the trace on. Null with tracing off.
 */
export function startConsumerSpan(record: IncomingRecord, service: TracedService): { span: Span; context: Context } | null {
  if (!isTracingOn()) return null;
  const parent = asService(contextFromHeaders(record.headers), service);
  const span = projectTracer().startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': record.topic,
        'messaging.destination.partition.id': String(record.partition),
        'messaging.kafka.offset': Number(record.offset),
        'messaging.message.id': record.messageId,
        'idcard.message_type': record.messageType,
        'idcard.correlation_id': record.correlationId,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `fn` in the consumer span's context (as is, with tracing off). */
export function inConsumerSpan<T>(consumer: { context: Context } | null, fn: () => T): T {
  return consumer ? context.with(consumer.context, fn) : fn();
}

export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}
