import { context, createTraceState, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { AdjustableClock } from '@idcard/clock';
import { MessageType, topics } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { kafkaForTests, TestKafka, waitFor } from '@idcard/testing';
import { projectTracer, startTracing, Tracing } from '@idcard/tracing';
import { SIGNATURE_HEADERS, verifySignature } from '@idcard/trust';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '../src';
import { kafkaClient, startMessagingService, TestTrust, TopicWatcher, TrustWorld } from './support';

/** Issue 16: an outbox row keeps the trace of the transaction that wrote it, and the relay publishes it in that trace. */
describe('the outbox and the trace context', () => {
  const clock = new AdjustableClock();
  const world = TrustWorld.of(clock, [{ keyId: 'registry-office-11-a', service: 'registry-office', province: '11' }]);
  const decisions = topics.receivingDecisions('44');
  let db: TestDatabase;
  let broker: TestKafka;
  let service: Awaited<ReturnType<typeof startMessagingService>>;
  let dataSource: DataSource;
  let watcher: TopicWatcher;
  let tracing: Tracing | null = null;
  const exporter = new InMemorySpanExporter();

  const send = (n: number) => {
    const receiptNumber = `R44-20261204-${String(n).padStart(6, '0')}`;
    return dataSource.transaction((em) =>
      service.app.get(OutboxWriter).add(em, {
        topic: decisions,
        key: `11010119900307${String(4570 + n).padStart(4, '0')}`,
        type: MessageType.ApplicationSignedOff,
        payload: { receiptNumber, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() },
        correlationId: receiptNumber,
      }),
    );
  };
  const rowOf = async (messageId: string) =>
    (await dataSource.query(`SELECT trace_parent, trace_state FROM outbox_message WHERE message_id = $1`, [messageId]))[0] as {
      trace_parent: string | null;
      trace_state: string | null;
    };
  const received = (messageId: string) =>
    waitFor(`message ${messageId} on the broker`, () => watcher.messages.find((m) => m.headers['message-id'] === messageId));
  const signatureHolds = (m: Awaited<ReturnType<typeof received>>) =>
    verifySignature({ topic: m.topic, key: m.key, value: m.value }, m.headers[SIGNATURE_HEADERS.signature], world.key('registry-office-11-a').pair.publicKey);

  beforeAll(async () => {
    [db, broker] = await Promise.all([databaseForTests(), kafkaForTests()]);
    const kafka = kafkaClient(broker.brokers);
    watcher = await TopicWatcher.start(kafka, [decisions]);
    service = await startMessagingService({
      identity: { service: 'registry-office', province: '11' },
      databaseUrl: db.url,
      kafka,
      clock,
      trust: new TestTrust(world.list(), world.key('registry-office-11-a'), clock),
    });
    dataSource = service.dataSource;
  });
  afterAll(async () => {
    await service?.stop();
    await watcher?.stop();
    await broker?.stop();
    await db?.dispose();
    await tracing?.shutdown();
  });

  it('with tracing off stores no trace context and sends no traceparent, even inside a span someone started', async () => {
    const id = await projectTracer().startActiveSpan('a request', async (span) => {
      try {
        return await send(1);
      } finally {
        span.end();
      }
    });
    expect(await rowOf(id)).toEqual({ trace_parent: null, trace_state: null });
    const message = await received(id);
    expect(Object.keys(message.headers).sort()).toEqual(['message-id', 'message-type', SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.signature].sort());
    expect(signatureHolds(message)).toBe(true);
  });

  it("with tracing on stores the writer's traceparent, and the relay sends the message as a producer span that is its child", async () => {
    tracing = startTracing({ serviceName: 'registry-office-11', exporter, exportEachSpan: true });
    let request = { traceId: '', spanId: '' };
    const id = await projectTracer().startActiveSpan('POST /applications/:receipt/approval', async (span) => {
      request = span.spanContext();
      try {
        return await send(2);
      } finally {
        span.end();
      }
    });
    const row = await rowOf(id);
    expect(row.trace_parent).toBe(`00-${request.traceId}-${request.spanId}-01`);
    expect(row.trace_state).toBeNull();

    const message = await received(id);
    const producer = await waitFor('the producer span', () =>
      exporter.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === id),
    );
    expect(producer.spanContext().traceId).toBe(request.traceId);
    expect(producer.parentSpanContext?.spanId).toBe(request.spanId);
    expect(producer.name).toBe(`send ${decisions}`);
    expect(producer.attributes).toMatchObject({ 'idcard.service': 'registry-office', 'idcard.province': '11', 'messaging.destination.name': decisions });
    // The record continues the trace from the producer span; the signature (topic, key, value) is untouched by the header.
    expect(message.headers.traceparent).toBe(`00-${request.traceId}-${producer.spanContext().spanId}-01`);
    expect(signatureHolds(message)).toBe(true);
  });

  it('keeps the tracestate beside the traceparent, and sends both', async () => {
    const caller = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      isRemote: true,
      traceState: createTraceState('idcard=44'),
    };
    const id = await context.with(trace.setSpanContext(ROOT_CONTEXT, caller), () => send(3));
    expect(await rowOf(id)).toEqual({ trace_parent: `00-${caller.traceId}-${caller.spanId}-01`, trace_state: 'idcard=44' });
    const message = await received(id);
    expect(message.headers.traceparent).toMatch(new RegExp(`^00-${caller.traceId}-[0-9a-f]{16}-01$`));
    expect(message.headers.tracestate).toBe('idcard=44');
  });

  it('with tracing on but no span active (a scheduler) stores nothing, and the relay starts a trace for the message', async () => {
    const id = await context.with(ROOT_CONTEXT, () => send(4));
    expect(await rowOf(id)).toEqual({ trace_parent: null, trace_state: null });
    const message = await received(id);
    const producer = await waitFor('the producer span', () =>
      exporter.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === id),
    );
    expect(producer.parentSpanContext).toBeUndefined();
    expect(message.headers.traceparent).toBe(`00-${producer.spanContext().traceId}-${producer.spanContext().spanId}-01`);
  });
});
