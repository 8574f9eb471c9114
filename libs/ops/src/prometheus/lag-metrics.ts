import { Gauge, Registry } from 'prom-client';
import { CONSUMER_STATUSES } from '../domain/consumer-status';
import type { LagReport } from '../domain/lag-tracker';

/**
 * Registers consumer-group metrics on `registry` under the names kafka_exporter (danielqsj) and
 * kafka-lag-exporter use, so existing dashboards and alerts work; statuses are a state set (1 for the current
 * status, 0 for the others), in the manner of Burrow.
 */
export function registerLagMetrics(registry: Registry, reports: () => Promise<LagReport | null>): void {
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
    'Burrow-style status of a consumer group at topic/partition over the status window: 1 for the current status (OK, WARNING, STALLED, STOPPED), 0 for the others',
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
