import type { SaslOptions } from './sasl';

/** Options of the development broker; defaults suit a developer's machine and the test suites. */
export interface DevBrokerOptions {
  /** TCP port; 0 picks a free one (tests). */
  port?: number;
  /** Address to listen on and to advertise in Metadata. */
  host?: string;
  /** Directory for topics, logs and committed offsets; without it everything lives in memory. */
  dataDir?: string;
  /** Partitions of a topic created without a count (auto-created, or CreateTopics with -1). */
  defaultPartitions?: number;
  /** Create unknown topics on Metadata and Produce, as `auto.create.topics.enable` does. */
  autoCreateTopics?: boolean;
  /** Largest request frame accepted; a larger one closes the connection (`socket.request.max.bytes`). */
  maxRequestBytes?: number;
  /** Largest record batch accepted (`message.max.bytes`). */
  maxMessageBytes?: number;
  /** Bounds on a consumer's session timeout (`group.min/max.session.timeout.ms`). */
  groupMinSessionTimeoutMs?: number;
  groupMaxSessionTimeoutMs?: number;
  /** Wait for more members before the first rebalance of an empty group (`group.initial.rebalance.delay.ms`). */
  groupInitialRebalanceDelayMs?: number;
  /**
   * Require SASL authentication (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) as one of these users before any API but
   * ApiVersions, SaslHandshake and SaslAuthenticate. Without it the broker is open, as before.
   */
  sasl?: SaslOptions;
  /** With dataDir: how long to wait for another live process using it to let go before refusing. Default 30 s. */
  inUseWaitMs?: number;
  /** Structured log sink; silent by default. */
  log?: (event: Record<string, unknown>) => void;
}

/** Without `sasl`: the broker turns it into SaslUsers (broker.saslUsers) at start and keeps no password. */
export type ResolvedOptions = Required<Omit<DevBrokerOptions, 'dataDir' | 'sasl'>> & { dataDir: string | null };

export function resolveOptions(o: DevBrokerOptions): ResolvedOptions {
  return {
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    dataDir: o.dataDir ?? null,
    defaultPartitions: o.defaultPartitions ?? 3,
    autoCreateTopics: o.autoCreateTopics ?? true,
    maxRequestBytes: o.maxRequestBytes ?? 100 * 1024 * 1024,
    maxMessageBytes: o.maxMessageBytes ?? 1024 * 1024 + 12,
    groupMinSessionTimeoutMs: o.groupMinSessionTimeoutMs ?? 6000,
    groupMaxSessionTimeoutMs: o.groupMaxSessionTimeoutMs ?? 1_800_000,
    groupInitialRebalanceDelayMs: o.groupInitialRebalanceDelayMs ?? 0,
    inUseWaitMs: o.inUseWaitMs ?? 30_000,
    log: o.log ?? (() => undefined),
  };
}
