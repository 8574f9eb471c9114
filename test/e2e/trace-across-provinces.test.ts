import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { feeFor, topics } from '@idcard/contracts';
import { uniqueDatabaseName } from '@idcard/database';
import { instrumentJestModules, TEST_ARTIFACTS, waitFor } from '@idcard/testing';
import { photoFields, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';
import { SERVICE_SPAN_ATTRIBUTES, startTracing, Tracing } from '@idcard/tracing';
import { Actors } from '../../scripts/actors';
import { call } from '../../scripts/demo-http';
import { RunningSystem, startSystem } from '../../scripts/system';
import { TestInfrastructure, testInfrastructure } from '../support/test-infrastructure';

const SEED = 5;
const REGISTER = 20;

/**
 * Issue 16: one application's path is one trace across provinces. The system runs as npm start runs it (every service
 * in this process, one tracer provider), its spans going to an in-memory exporter instead of an OTLP collector.
 */
describe('one trace per application across provinces (system test, tracing on)', () => {
  let infra: TestInfrastructure;
  let system: RunningSystem;
  let tracing: Tracing;
  let uninstrument: () => void = () => undefined;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'idcard-system', exporter, exportEachSpan: true });
    uninstrument = instrumentJestModules(tracing.instrumentations);
    infra = await testInfrastructure();
    system = await startSystem({
      provinces: ['44', '65'],
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      databaseNamespace: infra.databaseUrl ? uniqueDatabaseName('trace') : undefined,
      logLevels: [],
      env: { PRODUCTION_INTERVAL_MS: '100', SHIPMENT_MAX_WAIT_MS: '300' },
      maxWaitTimeInMs: 100,
    });
    const actors = new Actors(system.issuer);
    const seeded = await call(
      'POST',
      `${system.url('registry-office', '44')}/register/seed`,
      { count: REGISTER, seed: SEED },
      await actors.registerAdmin('44'),
    );
    expect(seeded.status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await infra?.dispose();
    uninstrument();
    await tracing?.shutdown();
  });

  const citizens = syntheticCitizens('44', REGISTER, SEED).filter((c) => c.birthDate < '2000-01-01' && c.ethnicGroup === '01');
  /** A renewal at Xinjiang's test office; `declaredEthnicGroup` other than the register's holds it for an officer. */
  const applicationOf = (citizen: (typeof citizens)[number], declaredEthnicGroup: string = citizen.ethnicGroup) => ({
    kind: 'renewal',
    citizen: { idNumber: citizen.idNumber, name: citizen.name, sex: citizen.sex, birthDate: citizen.birthDate, ethnicGroup: declaredEthnicGroup },
    receivingOfficeCode: '65010601',
    photo: { jpegBase64: photoFields().jpegBase64 },
    fingerprints: syntheticFingerprints(1),
    feePaidYuan: feeFor('renewal'),
    residenceDeclaration: { address: '65 某区某街道 8 号', declaredAt: '2026-11-01T08:00:00+08:00' },
    delivery: { method: 'counter' },
    expedited: false,
  });
  const submitAt65 = async (application: object) => {
    const submitted = await call(
      'POST',
      `${system.url('receiving-office', '65')}/applications`,
      application,
      await new Actors(system.issuer).clerk('65010601'),
    );
    expect(submitted.status).toBe(201);
    return submitted.body.receiptNumber as string;
  };

  const serviceOf = (s: ReadableSpan) => `${s.attributes[SERVICE_SPAN_ATTRIBUTES.service]} ${s.attributes[SERVICE_SPAN_ATTRIBUTES.province]}`;

  it('follows a Guangdong citizen applying in Xinjiang from the counter through the home registry and the production centre to the card in hand, in one trace', async () => {
    const citizen = citizens[0];
    const clerk = await new Actors(system.issuer).clerk('65010601');
    const receipt = await submitAt65(applicationOf(citizen));

    // The counter's request: the server span of POST /applications at Xinjiang's receiving office.
    const request = await waitFor('the server span of the submission', () =>
      exporter
        .getFinishedSpans()
        .find(
          (s) =>
            s.kind === SpanKind.SERVER &&
            serviceOf(s) === 'receiving-office 65' &&
            s.attributes['http.request.method'] === 'POST' &&
            s.attributes['url.path'] === '/applications',
        ),
    );
    const traceId = request.spanContext().traceId;
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // The order reaches the production centre of the receiving province (Xinjiang) through Guangdong's registry, whose
    // line makes the card later, on its timer, and announces it to the home registry: all in the one trace.
    await waitFor('the produced card recorded by the home registry in the same trace', () =>
      inTrace().some(
        (s) =>
          s.kind === SpanKind.CONSUMER && serviceOf(s) === 'registry-office 44' && s.attributes['messaging.destination.name'] === topics.registryCards('44'),
      ),
    );
    // The card comes back in a shipment (a trace of its own: it carries many cards), and the clerk records its arrival
    // and hands it over (requests of their own): each step is recorded in the application's trace too, linked to its cause.
    const office = `${system.url('receiving-office', '65')}`;
    const shipped = await waitFor('the card shipped', async () => {
      const res = await call('GET', `${office}/applications/${receipt}`, undefined, clerk);
      return res.body?.status === 'shipped' && res.body;
    });
    expect((await call('POST', `${office}/shipments/${shipped.card.shipmentId}/arrivals`, { cardSerial: shipped.card.serial }, clerk)).status).toBe(200);
    expect((await call('POST', `${office}/applications/${receipt}/handover`, { idNumber: citizen.idNumber }, clerk)).status).toBe(200);
    const steps = ['application shipped', 'application arrived', 'application handed_over'];
    await waitFor('the later steps in the same trace', () => steps.every((name) => inTrace().some((s) => s.name === name)));
    const spans = inTrace();
    for (const name of steps) {
      const step = spans.find((s) => s.name === name)!;
      expect(serviceOf(step)).toBe('receiving-office 65');
      expect(step.attributes['idcard.correlation_id']).toBe(receipt);
      // Linked to what caused it: the shipment's consumer span, the clerk's request — in traces of their own.
      expect(step.links).toHaveLength(1);
      expect(step.links[0].context.traceId).not.toBe(traceId);
    }
    const kindsBy = (service: string) => new Set(spans.filter((s) => serviceOf(s) === service).map((s) => s.kind));

    expect([...kindsBy('receiving-office 65')]).toEqual(expect.arrayContaining([SpanKind.SERVER, SpanKind.PRODUCER]));
    expect([...kindsBy('registry-office 44')]).toEqual(expect.arrayContaining([SpanKind.CONSUMER, SpanKind.PRODUCER]));
    expect([...kindsBy('production-center 65')]).toEqual(expect.arrayContaining([SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.PRODUCER]));
    expect(spans.find((s) => s.name === 'produce card')?.attributes['idcard.correlation_id']).toBe(receipt);
    // Each hop is a child of the hop before: the registry's consumer span of the application continues the office's producer span.
    const sendApplication = spans.find(
      (s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.destination.name'] === 'idcard.registry.44.applications',
    )!;
    const reviewApplication = spans.find(
      (s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.destination.name'] === 'idcard.registry.44.applications',
    )!;
    expect(reviewApplication.parentSpanContext?.spanId).toBe(sendApplication.spanContext().spanId);
    expect(reviewApplication.attributes['idcard.correlation_id']).toBe(receipt);
    // Nothing in the trace carries the citizen's full ID number (a URL, a message key, an error).
    expect(JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })))).not.toContain(citizen.idNumber);

    // The trace as a list of spans, for the record (test-artifacts/, not committed).
    const start = Math.min(...spans.map((s) => s.startTime[0] * 1e3 + s.startTime[1] / 1e6));
    const lines = [...spans]
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
      // The hops between services and the line's work; not every query and Nest handler under them.
      .filter((s) => s.kind !== SpanKind.CLIENT && s.attributes.component !== '@nestjs/core')
      .map((s) => {
        const at = s.startTime[0] * 1e3 + s.startTime[1] / 1e6 - start;
        const ms = s.duration[0] * 1e3 + s.duration[1] / 1e6;
        return `+${at.toFixed(1).padStart(8)} ms  ${serviceOf(s).padEnd(22)} ${SpanKind[s.kind].padEnd(9)} ${s.name.padEnd(48)} ${ms.toFixed(1)} ms`;
      });
    fs.mkdirSync(TEST_ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(TEST_ARTIFACTS, 'trace-of-one-application.txt'), `trace ${traceId} (receipt ${receipt})\n${lines.join('\n')}\n`);
  });

  it("makes an officer's decision, a request of its own, in the application's trace: the order reaches the centre in it", async () => {
    const receipt = await submitAt65(applicationOf(citizens[1], '03'));
    const reviewer = await new Actors(system.issuer).reviewer('44');
    const registry = system.url('registry-office', '44');
    await waitFor('the application in the review queue', async () =>
      (await call('GET', `${registry}/reviews`, undefined, reviewer)).body?.some?.((i: { receiptNumber: string }) => i.receiptNumber === receipt),
    );
    const submission = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER && s.attributes['idcard.correlation_id'] === receipt)!;
    const traceId = submission.spanContext().traceId;
    expect((await call('POST', `${registry}/reviews/${receipt}/approve`, {}, reviewer)).status).toBeLessThan(300);
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    await waitFor("the order consumed by the centre in the application's trace", () =>
      inTrace().some((s) => s.kind === SpanKind.CONSUMER && serviceOf(s) === 'production-center 65' && s.attributes['idcard.correlation_id'] === receipt),
    );
    const decision = inTrace().find((s) => s.name === 'application approved by reviewer')!;
    expect(serviceOf(decision)).toBe('registry-office 44');
    // Linked to the officer's request (its handler's span), a trace of its own.
    const cause = decision.links[0].context.traceId;
    expect(cause).not.toBe(traceId);
    const request = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === cause && s.kind === SpanKind.SERVER);
    expect(request?.attributes['url.path']).toBe(`/reviews/${receipt}/approve`);
  });
});
