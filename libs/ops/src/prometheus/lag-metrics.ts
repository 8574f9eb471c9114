import { Gauge, Registry } from 'prom-client';
import { CONSUMER_STATUSES } from '../domain/consumer-status';
import type { GroupLag, LagReport, PartitionLag } from '../domain/lag-tracker';

/** `cluster_name` of the kafka-lag-exporter metrics: the one national cluster every province's services use. */
export const DEFAULT_KAFKA_CLUSTER_NAME = 'idcard';

export interface LagMetricsOptions {
  /** `cluster_name` label of the kafka-lag-exporter metrics (default `idcard`). */
  clusterName?: string;
}

/**
 * Registers consumer-group metrics on `registry` under the names kafka_exporter (danielqsj) uses and, besides them,
 * under kafka-lag-exporter's names and labels, so the dashboards and alerts of either work unchanged; statuses are a
 * state set (1 for the current status, 0 for the others), in the manner of Burrow.
 */
export function registerLagMetrics(registry: Registry, reports: () => Promise<LagReport | null>, options: LagMetricsOptions = {}): void {
  // prom-client collects every gauge of a scrape at once: they share the read in flight.
  let inFlight: Promise<LagReport | null> | null = null;
  const current = () =>
    (inFlight ??= reports()
      .catch(() => null)
      .finally(() => (inFlight = null)));
  const partitionLabels = ['consumergroup', 'topic', 'partition'] as const;

  gauge(
    registry,
    'kafka_consumergroup_lag',
    'Current approximate lag of a consumer group at topic/partition (end offset minus committed offset)',
    partitionLabels,
    async (g) => {
      for (const group of (await current())?.groups ?? [])
        for (const p of group.partitions) g.set({ consumergroup: group.groupId, topic: p.topic, partition: String(p.partition) }, p.lag);
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_lag_sum',
    'Current approximate lag of a consumer group at topic for all partitions',
    ['consumergroup', 'topic'],
    async (g) => {
      for (const group of (await current())?.groups ?? []) {
        const byTopic = new Map<string, number>();
        for (const p of group.partitions) byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + p.lag);
        for (const [topic, lag] of byTopic) g.set({ consumergroup: group.groupId, topic }, lag);
      }
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_lag_seconds',
    'Estimated age in seconds of the oldest unconsumed message, interpolated from sampled end offsets (kafka-lag-exporter method)',
    partitionLabels,
    async (g) => {
      for (const group of (await current())?.groups ?? [])
        for (const p of group.partitions)
          if (p.lagSeconds !== null) g.set({ consumergroup: group.groupId, topic: p.topic, partition: String(p.partition) }, round3(p.lagSeconds));
    },
  );
  gauge(registry, 'kafka_consumergroup_current_offset', 'Current (committed) offset of a consumer group at topic/partition', partitionLabels, async (g) => {
    for (const group of (await current())?.groups ?? [])
      for (const p of group.partitions)
        if (p.committedOffset !== null) g.set({ consumergroup: group.groupId, topic: p.topic, partition: String(p.partition) }, p.committedOffset);
  });
  gauge(registry, 'kafka_topic_partition_current_offset', 'Current (log end) offset of a topic/partition', ['topic', 'partition'], async (g) => {
    for (const p of topicPartitions(await current())) g.set({ topic: p.topic, partition: String(p.partition) }, p.endOffset);
  });
  gauge(registry, 'kafka_topic_partition_oldest_offset', 'Oldest (log start) offset of a topic/partition', ['topic', 'partition'], async (g) => {
    for (const p of topicPartitions(await current())) g.set({ topic: p.topic, partition: String(p.partition) }, p.logStartOffset);
  });
  gauge(registry, 'kafka_consumergroup_members', 'Number of members in a consumer group', ['consumergroup'], async (g) => {
    for (const group of (await current())?.groups ?? []) g.set({ consumergroup: group.groupId }, group.members);
  });
  gauge(
    registry,
    'kafka_consumergroup_partition_status',
    'Burrow-style status of a consumer group at topic/partition over the status window: 1 for the current status (OK, WARNING, STOPPED, STALLED, REWIND), 0 for the others',
    [...partitionLabels, 'status'],
    async (g) => {
      for (const group of (await current())?.groups ?? [])
        for (const p of group.partitions)
          for (const status of CONSUMER_STATUSES)
            g.set({ consumergroup: group.groupId, topic: p.topic, partition: String(p.partition), status }, p.status === status ? 1 : 0);
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_status',
    'Burrow-style status of a consumer group (its worst partition): 1 for the current status, 0 for the others',
    ['consumergroup', 'status'],
    async (g) => {
      for (const group of (await current())?.groups ?? [])
        for (const status of CONSUMER_STATUSES) g.set({ consumergroup: group.groupId, status }, group.status === status ? 1 : 0);
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_status_complete',
    'Share of a consumer group’s partitions whose status window is covered by samples (Burrow’s "complete"): below 1, some statuses are still OK for want of history',
    ['consumergroup'],
    async (g) => {
      for (const group of (await current())?.groups ?? []) g.set({ consumergroup: group.groupId }, group.complete);
    },
  );
  registerLagExporterMetrics(registry, current, options.clusterName ?? DEFAULT_KAFKA_CLUSTER_NAME);
}

/** kafka-lag-exporter's partition labels: the member holding the partition is empty while nobody does. */
const LAG_EXPORTER_PARTITION_LABELS = ['cluster_name', 'group', 'topic', 'partition', 'member_host', 'consumer_id', 'client_id'] as const;
type LagExporterPartitionLabel = (typeof LAG_EXPORTER_PARTITION_LABELS)[number];

/** The same figures under kafka-lag-exporter's names and labels (its README's metric list), for its Grafana dashboard. */
function registerLagExporterMetrics(registry: Registry, current: () => Promise<LagReport | null>, clusterName: string): void {
  const perPartition = (name: string, help: string, value: (p: PartitionLag) => number | null) =>
    gauge(registry, name, help, LAG_EXPORTER_PARTITION_LABELS, async (g) => {
      for (const group of (await current())?.groups ?? [])
        for (const p of group.partitions) {
          const v = value(p);
          if (v !== null) g.set(lagExporterLabels(clusterName, group, p), v);
        }
    });
  perPartition(
    'kafka_consumergroup_group_offset',
    'Last committed offset of a consumer group at topic/partition (kafka-lag-exporter name)',
    (p) => p.committedOffset,
  );
  perPartition('kafka_consumergroup_group_lag', 'Lag of a consumer group at topic/partition in offsets (kafka-lag-exporter name)', (p) => p.lag);
  perPartition('kafka_consumergroup_group_lag_seconds', 'Estimated lag of a consumer group at topic/partition in seconds (kafka-lag-exporter name)', (p) =>
    p.lagSeconds === null ? null : round3(p.lagSeconds),
  );

  const groupLabels = ['cluster_name', 'group', 'is_simple_consumer'] as const;
  // Every group here has members and a protocol: none is a "simple" (assign-only) consumer group.
  const groupOf = (group: GroupLag) => ({ cluster_name: clusterName, group: group.groupId, is_simple_consumer: 'false' });
  gauge(
    registry,
    'kafka_consumergroup_group_max_lag',
    'Highest lag in offsets over a consumer group’s partitions (kafka-lag-exporter name)',
    groupLabels,
    async (g) => {
      for (const group of (await current())?.groups ?? []) if (group.partitions.length) g.set(groupOf(group), Math.max(...group.partitions.map((p) => p.lag)));
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_group_max_lag_seconds',
    'Highest lag in seconds over a consumer group’s partitions (kafka-lag-exporter name)',
    groupLabels,
    async (g) => {
      for (const group of (await current())?.groups ?? []) if (group.lagSeconds !== null) g.set(groupOf(group), round3(group.lagSeconds));
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_group_sum_lag',
    'Sum of a consumer group’s lag in offsets (kafka-lag-exporter name)',
    ['cluster_name', 'group'],
    async (g) => {
      for (const group of (await current())?.groups ?? []) g.set({ cluster_name: clusterName, group: group.groupId }, group.lag);
    },
  );
  gauge(
    registry,
    'kafka_consumergroup_group_topic_sum_lag',
    'Sum of a consumer group’s lag in offsets on one topic (kafka-lag-exporter name)',
    ['cluster_name', 'group', 'topic'],
    async (g) => {
      for (const group of (await current())?.groups ?? []) {
        const byTopic = new Map<string, number>();
        for (const p of group.partitions) byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + p.lag);
        for (const [topic, lag] of byTopic) g.set({ cluster_name: clusterName, group: group.groupId, topic }, lag);
      }
    },
  );
  const perTopicPartition = (name: string, help: string, value: (p: { endOffset: number; logStartOffset: number }) => number) =>
    gauge(registry, name, help, ['cluster_name', 'topic', 'partition'], async (g) => {
      for (const p of topicPartitions(await current())) g.set({ cluster_name: clusterName, topic: p.topic, partition: String(p.partition) }, value(p));
    });
  perTopicPartition('kafka_partition_latest_offset', 'Latest (log end) offset of a topic/partition (kafka-lag-exporter name)', (p) => p.endOffset);
  perTopicPartition('kafka_partition_earliest_offset', 'Earliest (log start) offset of a topic/partition (kafka-lag-exporter name)', (p) => p.logStartOffset);
}

function lagExporterLabels(clusterName: string, group: GroupLag, p: PartitionLag): Record<LagExporterPartitionLabel, string> {
  return {
    cluster_name: clusterName,
    group: group.groupId,
    topic: p.topic,
    partition: String(p.partition),
    member_host: p.owner?.host ?? '',
    consumer_id: p.owner?.memberId ?? '',
    client_id: p.owner?.clientId ?? '',
  };
}

/** A gauge whose samples are rebuilt from scratch at every scrape: gone groups and partitions disappear. */
function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>) => Promise<void>): void {
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      await fill(this);
    },
  });
}

function topicPartitions(report: LagReport | null): { topic: string; partition: number; endOffset: number; logStartOffset: number }[] {
  const seen = new Map<string, { topic: string; partition: number; endOffset: number; logStartOffset: number }>();
  for (const group of report?.groups ?? []) for (const p of group.partitions) seen.set(`${p.topic}/${p.partition}`, p);
  return [...seen.values()];
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
