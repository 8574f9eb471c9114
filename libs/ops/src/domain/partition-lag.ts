/** Where one consumer group stands on one partition, as Kafka's offset APIs report it. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** Next offset the group will read; null when it has committed nothing here yet. */
  committedOffset: number | null;
  /** Log end offset (high watermark): the offset the next message written will get. */
  endOffset: number;
  /** First offset still in the log. */
  logStartOffset: number;
}

/**
 * Messages waiting for the group: end offset minus committed offset. A group that has committed nothing reads
 * from the log start (every consumer here subscribes from the beginning), so everything still in the log waits.
 */
export function consumerLag(p: PartitionOffsets): number {
  const position = p.committedOffset ?? p.logStartOffset;
  return Math.max(0, p.endOffset - Math.max(position, p.logStartOffset));
}

/** Key of one topic partition in maps: `topic/partition`. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
