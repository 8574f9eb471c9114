/** Partitions a consumer applies at once when its pool is large enough (kafkajs partitionsConsumedConcurrently). */
export const MOST_PARTITIONS_AT_ONCE = 3;

/**
 * Partitions each of a service's consumers (one per lane) may apply at once, each in a transaction of its own, so that
 * together they hold all but one of the pool's connections: one always stays for HTTP and the relays. With the small
 * share each of 93 services gets of one server (3 connections), a registry applying the national card broadcasts on
 * both lanes at full concurrency held every connection, and a request waited out the pool's timeout (503).
 */
export function partitionsAtOnceFor(poolSize: number, lanes: number): number {
  return Math.max(1, Math.min(MOST_PARTITIONS_AT_ONCE, Math.floor((poolSize - 1) / Math.max(1, lanes))));
}
