import { DynamicModule, Module } from '@nestjs/common';
import { AdjustableClock } from '@idcard/clock';
import { consumerGroup, topics } from '@idcard/contracts';
import { databaseForTests, ensureDatabase, TestDatabase } from '@idcard/database';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import { KafkaInboxTransport } from '@idcard/messaging';
import { parsePrometheusText, ParsedMetrics, samplesOf, sumOf } from '@idcard/ops';
import { DEADLINE_METRICS, RunningService, serviceInfrastructure, ServiceConfig, startService } from '@idcard/service-runtime';
import { Consumer, Producer } from 'kafkajs';
import { Client } from 'pg';
import { TestIssuer, TestKeys } from '@idcard/testing';
import { productionCenterSettingsFrom, startProductionCenter } from '../../../apps/production-center/src';
import { kafkaFor, produce, waitFor } from './support';

/** A service that feeds the DEADLINE_METRICS hook, as the receiving office does. */
@Module({})
class DeadlineReportingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: DeadlineReportingModule,
      imports: [serviceInfrastructure(config, { entities: [], migrations: [], topics: [topics.receivingDecisions(config.identity.province)] })],
      providers: [{ provide: DEADLINE_METRICS, useValue: { deadlineMetrics: async () => ({ atRisk: 3, breached: 1 }) } }],
    };
  }
}

/**
 * /metrics and /health of real started services: Guangdong's production centre on its own embedded PostgreSQL
 * (stopped at the end to see readiness fail) and, beside it in the same process, a service reporting deadlines.
 */
describe('a service’s /metrics and /health', () => {
  const clock = new AdjustableClock();
  const ordersTopic = topics.productionOrders('44');
  const group = consumerGroup('production-center', '44');
  let broker: DevBroker;
  let postgres: TestDatabase;
  let centre: RunningService;
  let producer: Producer;

  const scrape = async (service: RunningService = centre): Promise<ParsedMetrics> => {
    const res = await fetch(`${service.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusText(await res.text());
  };
  const lagNow = async () => sumOf(await scrape(), 'kafka_consumergroup_lag', { consumergroup: group, topic: ordersTopic });

  beforeAll(async () => {
    broker = await startDevBroker({ port: 0 });
    // Its own embedded PostgreSQL even when DATABASE_URL is set: the test stops it.
    postgres = await databaseForTests({ env: {} });
    centre = await startProductionCenter({
      identity: { service: 'production-center', province: '44' },
      databaseUrl: postgres.url,
      kafkaBrokers: broker.brokers,
      clock,
      trust: await TestKeys.forThisSuite().trustFor({ service: 'production-center', province: '44' }, clock),
      access: TestIssuer.forThisSuite().access(clock),
      biometrics: TestIssuer.forThisSuite().biometrics,
      logLevels: [],
      maxWaitTimeInMs: 100,
      ...productionCenterSettingsFrom({ PRODUCTION_INTERVAL_MS: '0' }),
      lagSampleIntervalMs: 200,
      lagWindowMs: 10_000,
    });
    producer = kafkaFor(broker.brokers).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await centre?.stop();
    await postgres?.dispose();
    await broker?.stop();
  });

  it('exposes consumer lag under kafka_exporter’s names; a paused group’s lag equals the messages waiting', async () => {
    // Two unreadable orders are consumed (and dead-lettered) first, so the group has committed offsets.
    await produce(producer, ordersTopic, 2, 'not-json');
    await waitFor(
      'the first two consumed',
      async () => (await lagNow()) === 0 && sumOf(await scrape(), 'kafka_consumergroup_current_offset', { consumergroup: group }) === 2,
    );

    const consumer = centre.app.get(KafkaInboxTransport).unwrap<Consumer>();
    consumer.pause([{ topic: ordersTopic }]);
    await produce(producer, ordersTopic, 5, 'waiting');
    await waitFor('lag 5 on /metrics', async () => (await lagNow()) === 5);

    const m = await scrape();
    const lag = samplesOf(m, 'kafka_consumergroup_lag', { consumergroup: group });
    expect(lag.length).toBeGreaterThan(0);
    for (const s of lag) {
      expect(Object.keys(s.labels).sort()).toEqual(['consumergroup', 'partition', 'province', 'service', 'topic']);
      expect(s.labels).toMatchObject({ topic: ordersTopic, service: 'production-center', province: '44' });
    }
    expect(m.families.get('kafka_consumergroup_lag')?.type).toBe('gauge');
    expect(sumOf(m, 'kafka_topic_partition_current_offset', { topic: ordersTopic })).toBe(7);
    expect(sumOf(m, 'kafka_consumergroup_current_offset', { consumergroup: group, topic: ordersTopic })).toBe(2);
    expect(sumOf(m, 'kafka_consumergroup_lag_sum', { consumergroup: group, topic: ordersTopic })).toBe(5);
    expect(sumOf(m, 'kafka_consumergroup_members', { consumergroup: group })).toBe(1);
    const seconds = samplesOf(m, 'kafka_consumergroup_lag_seconds', { consumergroup: group });
    expect(seconds.length).toBe(lag.length);
    // …and under kafka-lag-exporter's name and labels, the same figures.
    const exporterSeconds = samplesOf(m, 'kafka_consumergroup_group_lag_seconds', { group });
    expect(exporterSeconds.map((s) => s.value).sort()).toEqual(seconds.map((s) => s.value).sort());
    for (const s of exporterSeconds)
      expect(Object.keys(s.labels).sort()).toEqual([
        'client_id',
        'cluster_name',
        'consumer_id',
        'group',
        'member_host',
        'partition',
        'province',
        'service',
        'topic',
      ]);
    expect(seconds.every((s) => s.value >= 0)).toBe(true);
    expect(Math.max(...seconds.map((s) => s.value))).toBeGreaterThan(0);
    // A state set: exactly one status is 1 for the group and for each partition.
    expect(sumOf(m, 'kafka_consumergroup_status', { consumergroup: group })).toBe(1);
    expect(
      samplesOf(m, 'kafka_consumergroup_status', { consumergroup: group })
        .map((s) => s.labels.status)
        .sort(),
    ).toEqual(['OK', 'REWIND', 'STALLED', 'STOPPED', 'WARNING']);
    expect(sumOf(m, 'kafka_consumergroup_partition_status', { consumergroup: group })).toBe(lag.length);
    // No other group: this registry belongs to this service alone.
    expect(new Set(samplesOf(m, 'kafka_consumergroup_lag').map((s) => s.labels.consumergroup))).toEqual(new Set([group]));

    consumer.resume([{ topic: ordersTopic }]);
    await waitFor('lag back to 0 after resuming', async () => (await lagNow()) === 0);
    const after = await waitFor('seven dead letters counted', async () => {
      const s = await scrape();
      return sumOf(s, 'idcard_dead_lettered_messages_total') === 7 && s;
    });
    expect(samplesOf(after, 'idcard_dead_lettered_messages_total')).toEqual([
      {
        name: 'idcard_dead_lettered_messages_total',
        labels: { topic: ordersTopic, reason: 'not JSON', service: 'production-center', province: '44' },
        value: 7,
      },
    ]);
  });

  it('reports the outbox backlog and the age of its oldest message', async () => {
    const m = await scrape();
    expect(sumOf(m, 'idcard_outbox_backlog_messages')).toBe(0);
    expect(sumOf(m, 'idcard_outbox_oldest_message_age_seconds')).toBe(0);

    // An outbox row written 90 s ago (by the services' clock) that the relay cannot take: the test holds its
    // lock, and the relay skips locked rows.
    const writer = new Client({ connectionString: postgres.url });
    const holder = new Client({ connectionString: postgres.url });
    await Promise.all([writer.connect(), holder.connect()]);
    try {
      await waitFor('an unsent outbox row held by the test', async () => {
        const { rows } = await writer.query(
          `INSERT INTO outbox_message (message_id, topic, message_key, message_type, body, created_at)
           VALUES (gen_random_uuid(), 'ops-test.outbox', 'k', 'OpsTest', '{}', $1) RETURNING id`,
          [new Date(clock.now().getTime() - 90_000)],
        );
        await holder.query('BEGIN');
        const locked = await holder.query('SELECT id FROM outbox_message WHERE id = $1 AND sent_at IS NULL FOR UPDATE', [rows[0].id]);
        if (locked.rowCount === 1) return true;
        await holder.query('ROLLBACK'); // the relay was quicker: try again
        return false;
      });
      const held = await scrape();
      expect(sumOf(held, 'idcard_outbox_backlog_messages')).toBe(1);
      expect(sumOf(held, 'idcard_outbox_oldest_message_age_seconds')).toBeGreaterThanOrEqual(90);
      await holder.query('ROLLBACK');
      await waitFor('the relay publishing it', async () => sumOf(await scrape(), 'idcard_outbox_backlog_messages') === 0);
    } finally {
      await Promise.all([writer.end(), holder.end()]);
    }
  });

  it('times HTTP requests by route pattern, never by raw path', async () => {
    await fetch(`${centre.url}/orders/R44-unknown-receipt`);
    await fetch(`${centre.url}/no/such/path`);
    const m = await scrape();
    const count = (labels: Record<string, string>) => sumOf(m, 'http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/orders/:receiptNumber' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(samplesOf(m, 'http_request_duration_seconds_bucket').length).toBeGreaterThan(0);
    expect(samplesOf(m, 'http_request_duration_seconds_count').some((s) => s.labels.route.includes('R44'))).toBe(false);
    // The production centre provides no deadline figures: the metrics are absent, not zero.
    expect(samplesOf(m, 'idcard_deadlines_at_risk')).toEqual([]);
  });

  it('has a registry per service instance, with deadline figures where the service provides them', async () => {
    const databaseUrl = await ensureDatabase(postgres.url, 'deadline_reporting_44');
    const config: ServiceConfig = {
      identity: { service: 'receiving-office', province: '44' },
      databaseUrl,
      kafkaBrokers: broker.brokers,
      clock,
      trust: await TestKeys.forThisSuite().trustFor({ service: 'receiving-office', province: '44' }, clock),
      access: TestIssuer.forThisSuite().access(clock),
      biometrics: TestIssuer.forThisSuite().biometrics,
      logLevels: [],
      maxWaitTimeInMs: 100,
      sharedProcess: true,
    };
    const reporting = await startService(DeadlineReportingModule.forRoot(config), config, 'deadline reporting');
    try {
      const m = await waitFor('the second service’s group on its /metrics', async () => {
        const s = await scrape(reporting);
        return samplesOf(s, 'kafka_consumergroup_members').length > 0 && s;
      });
      expect(sumOf(m, 'idcard_deadlines_at_risk', { service: 'receiving-office', province: '44' })).toBe(3);
      expect(sumOf(m, 'idcard_deadlines_breached')).toBe(1);
      expect(new Set(samplesOf(m, 'kafka_consumergroup_members').map((s) => s.labels.consumergroup))).toEqual(
        new Set([consumerGroup('receiving-office', '44')]),
      );
      expect(samplesOf(m, 'idcard_dead_lettered_messages_total')).toEqual([]);
      // …and the production centre’s registry still knows only its own group.
      expect(new Set(samplesOf(await scrape(), 'kafka_consumergroup_members').map((s) => s.labels.consumergroup))).toEqual(new Set([group]));
    } finally {
      await reporting.stop();
    }
  });

  it('is live and ready, and reports not ready (503) once its PostgreSQL has stopped', async () => {
    const ready = await fetch(`${centre.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
    expect((await fetch(`${centre.url}/health`)).status).toBe(200);
    const readyParts = (m: ParsedMetrics) => Object.fromEntries(samplesOf(m, 'idcard_ready').map((s) => [s.labels.part, s.value]));
    expect(readyParts(await scrape())).toEqual({ database: 1, kafka: 1, trustList: 1 });

    await postgres.dispose();

    const notReady = await waitFor('readiness to fail', async () => {
      const res = await fetch(`${centre.url}/health/ready`);
      return res.status === 503 && res;
    });
    const body = await notReady.json();
    expect(body).toMatchObject({ status: 'error', error: { database: { status: 'down' } }, info: { kafka: { status: 'up' } } });
    const live = await fetch(`${centre.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    // /metrics still answers without the database: consumer lag comes from Kafka.
    const m = await scrape();
    expect(samplesOf(m, 'kafka_consumergroup_lag', { consumergroup: group }).length).toBeGreaterThan(0);
    // …and the outbox backlog, which needs the database, is NaN (unknown), not a reassuring 0.
    expect(sumOf(m, 'idcard_outbox_backlog_messages')).toBeNaN();
    // Readiness on /metrics, for a Prometheus rule: the database down, the rest up.
    expect(readyParts(m)).toEqual({ database: 0, kafka: 1, trustList: 1 });
  });
});
