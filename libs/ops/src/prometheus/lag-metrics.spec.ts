import { Registry } from 'prom-client';
import { ClusterObservation, LagTracker } from '../domain/lag-tracker';
import { registerLagMetrics } from './lag-metrics';
import { parsePrometheusText, samplesOf } from './prometheus-text';

const topic = 'idcard.registry.44.applications';
const group = 'idcard-registry-office-44';
const member = { memberId: 'registry-office-44-3c1f', clientId: 'registry-office-44', host: '/10.0.0.7' };

/** Partition 0 held by a member and stuck at 20 of 30; partition 1 held by nobody, never committed, 4 waiting. */
function observe(atMs: number, endOffset0: number): ClusterObservation {
  return {
    atMs,
    groups: [
      {
        groupId: group,
        state: 'Stable',
        members: 1,
        partitions: [
          { topic, partition: 0, committedOffset: 20, endOffset: endOffset0, logStartOffset: 0, owner: member },
          { topic, partition: 1, committedOffset: null, endOffset: 4, logStartOffset: 0, owner: null },
        ],
      },
    ],
  };
}

async function scrape(): Promise<ReturnType<typeof parsePrometheusText>> {
  const tracker = new LagTracker({ windowMs: 10_000 });
  for (let t = 0; t <= 12_000; t += 2_000) tracker.ingest(observe(t, t < 2_000 ? 20 : 30));
  const registry = new Registry();
  registerLagMetrics(registry, async () => tracker.report(12_000), { clusterName: 'national' });
  return parsePrometheusText(await registry.metrics());
}

describe('lag metrics under kafka-lag-exporter’s names and labels, beside kafka_exporter’s', () => {
  it('exports the lag in seconds as kafka_consumergroup_group_lag_seconds with its seven labels and the same value', async () => {
    const m = await scrape();
    const [seconds] = samplesOf(m, 'kafka_consumergroup_group_lag_seconds', { partition: '0' });
    expect(seconds.labels).toEqual({
      cluster_name: 'national',
      group,
      topic,
      partition: '0',
      member_host: '/10.0.0.7',
      consumer_id: 'registry-office-44-3c1f',
      client_id: 'registry-office-44',
    });
    const [ours] = samplesOf(m, 'kafka_consumergroup_lag_seconds', { consumergroup: group, partition: '0' });
    expect(seconds.value).toBe(ours.value);
    expect(seconds.value).toBeGreaterThan(8);
  });

  it('leaves the member labels empty on a partition nobody holds, and keeps the offsets, sums and maxima', async () => {
    const m = await scrape();
    expect(samplesOf(m, 'kafka_consumergroup_group_lag', { partition: '1' })[0]).toMatchObject({
      labels: { member_host: '', consumer_id: '', client_id: '' },
      value: 4,
    });
    expect(samplesOf(m, 'kafka_consumergroup_group_offset').map((s) => s.labels.partition)).toEqual(['0']); // none committed on 1
    expect(samplesOf(m, 'kafka_consumergroup_group_max_lag')[0]).toMatchObject({ labels: { group, is_simple_consumer: 'false' }, value: 10 });
    expect(samplesOf(m, 'kafka_consumergroup_group_sum_lag')[0].value).toBe(14);
    expect(samplesOf(m, 'kafka_consumergroup_group_topic_sum_lag', { topic })[0].value).toBe(14);
    expect(samplesOf(m, 'kafka_partition_latest_offset', { partition: '0' })[0].value).toBe(30);
    expect(samplesOf(m, 'kafka_partition_earliest_offset', { partition: '1' })[0].value).toBe(0);
    const perPartition = samplesOf(m, 'kafka_consumergroup_group_lag_seconds').map((s) => s.value);
    expect(perPartition).toHaveLength(2);
    expect(samplesOf(m, 'kafka_consumergroup_group_max_lag_seconds')[0].value).toBe(Math.max(...perPartition));
  });

  it('keeps kafka_exporter’s names and the Burrow state sets, REWIND included, and says how complete the windows are', async () => {
    const m = await scrape();
    expect(samplesOf(m, 'kafka_consumergroup_lag', { consumergroup: group }).map((s) => s.value)).toEqual([10, 4]);
    const statuses = samplesOf(m, 'kafka_consumergroup_partition_status', { partition: '0' });
    expect(statuses.map((s) => s.labels.status).sort()).toEqual(['OK', 'REWIND', 'STALLED', 'STOPPED', 'WARNING']);
    expect(statuses.find((s) => s.value === 1)?.labels.status).toBe('STALLED');
    expect(samplesOf(m, 'kafka_consumergroup_partition_status', { partition: '1', status: 'STOPPED' })[0].value).toBe(1);
    expect(samplesOf(m, 'kafka_consumergroup_status', { consumergroup: group }).find((s) => s.value === 1)?.labels.status).toBe('STALLED');
    expect(samplesOf(m, 'kafka_consumergroup_status_complete', { consumergroup: group })[0].value).toBe(1);
  });
});
