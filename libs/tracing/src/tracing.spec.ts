import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import {
  activeTraceContext,
  activeTraceIds,
  contextFromHeaders,
  isTracingOn,
  projectTracer,
  runAsService,
  startTracing,
  startTracingFromEnv,
  tracingSettingsFrom,
} from '.';
import { projectSampler } from './root-sampler';

describe('tracing settings', () => {
  it('leaves tracing off unless OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    expect(tracingSettingsFrom({})).toEqual({ endpoint: null, province: null });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', PROVINCE_CODE: '44' })).toEqual({ endpoint: null, province: '44' });
    expect(startTracingFromEnv('registry-office', {})).toBeNull();
    expect(isTracingOn()).toBe(false);
  });

  it('names a malformed endpoint instead of losing every span quietly', () => {
    expect(() => tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL of an OTLP collector, got "collector:4318"/,
    );
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }).endpoint).toBe('http://otel-collector:4318');
  });
});

describe('the root sampler', () => {
  const sample = (kind: SpanKind, attributes: Record<string, string>) =>
    projectSampler().shouldSample(ROOT_CONTEXT, '0af7651916cd43dd8448eb211c80319c', 'x', kind, attributes, []).decision;

  it("drops kafkajs's per-batch poll traces and keeps every other root", () => {
    expect(sample(SpanKind.CLIENT, { 'messaging.system': 'kafka', 'messaging.operation.type': 'receive' })).toBe(SamplingDecision.NOT_RECORD);
    expect(sample(SpanKind.PRODUCER, { 'messaging.system': 'kafka', 'messaging.operation.type': 'send' })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(sample(SpanKind.SERVER, {})).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});

describe('with tracing on (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: ReturnType<typeof startTracing>;
  beforeAll(() => {
    tracing = startTracing({ serviceName: 'registry-office-44', exporter, exportEachSpan: true });
  });
  afterAll(() => tracing.shutdown());

  it('masks full citizen ID numbers in span names, attributes and events before they leave', () => {
    projectTracer().startActiveSpan('GET /register/citizens/44010619900101001X/cards', (span) => {
      span.setAttribute('url.path', '/register/citizens/44010619900101001X/cards');
      span.setAttribute('messaging.kafka.message.key', '440106199001010013');
      span.addEvent('exception', { 'exception.message': 'duplicate key 440106199001010013' });
      span.end();
    });
    const [span] = exporter.getFinishedSpans().slice(-1);
    const exported = JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events });
    expect(exported).not.toMatch(/\d{17}[\dX]/);
    expect(span.attributes['url.path']).toBe('/register/citizens/440106***********X/cards');
    expect(span.attributes['messaging.kafka.message.key']).toBe('440106***********3');
  });

  it("names the service and province of spans started on a service's behalf (npm start runs many in one process)", () => {
    runAsService({ service: 'production-center', province: '65' }, () => projectTracer().startSpan('produce').end());
    const [span] = exporter.getFinishedSpans().slice(-1);
    expect(span.attributes).toMatchObject({ 'idcard.service': 'production-center', 'idcard.province': '65' });
  });

  it('gives the active trace context and ids, and reads a traceparent from Kafka headers as kafkajs hands them over', () => {
    expect(activeTraceContext()).toBeNull();
    expect(activeTraceIds()).toEqual({});
    projectTracer().startActiveSpan('request', (span) => {
      const { traceId, spanId } = span.spanContext();
      expect(activeTraceContext()).toEqual({ traceparent: `00-${traceId}-${spanId}-01`, tracestate: null });
      expect(activeTraceIds()).toEqual({ traceId, spanId });
      span.end();
    });
    const received = contextFromHeaders({ traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') });
    expect(trace.getSpanContext(received)).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', isRemote: true });
    expect(trace.getSpanContext(contextFromHeaders({}))).toBeUndefined();
    expect(context.active()).toBe(ROOT_CONTEXT);
  });
});
