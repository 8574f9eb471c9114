import * as net from 'net';
import { ClientConnection } from './client-connection';
import { DevBrokerOptions, ResolvedOptions, resolveOptions } from './config';
import { GroupCoordinator } from './group-coordinator';
import { OffsetStore } from './offset-store';
import { SaslUsers } from './sasl';
import { ErrorCode } from './protocol/error-codes';
import { Topic, topicNameError, TopicStore } from './topics';
import { BrokerNode, KafkaApi } from './api';
import { KAFKA_APIS } from './apis';

/** The single node of the development cluster: its topics, its group coordinator and its listening socket. */
export class Broker implements BrokerNode {
  readonly options: ResolvedOptions;
  readonly topics: TopicStore;
  readonly groups: GroupCoordinator;
  readonly saslUsers: SaslUsers | null;
  private readonly apis = new Map<number, KafkaApi>(KAFKA_APIS.map((a) => [a.key, a]));
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly connections = new Set<ClientConnection>();
  private nextProducerId: bigint;
  port = 0;
  waitingFetches = 0;

  constructor(options: DevBrokerOptions) {
    this.options = resolveOptions(options);
    // SCRAM credentials (salt, StoredKey, ServerKey) are derived here, once; a bad sasl option fails the start.
    this.saslUsers = options.sasl ? new SaslUsers(options.sasl) : null;
    this.topics = new TopicStore(this.options.dataDir);
    this.groups = new GroupCoordinator(new OffsetStore(this.options.dataDir), {
      minSessionTimeoutMs: this.options.groupMinSessionTimeoutMs,
      maxSessionTimeoutMs: this.options.groupMaxSessionTimeoutMs,
      initialRebalanceDelayMs: this.options.groupInitialRebalanceDelayMs,
      log: this.options.log,
    });
    // Producer ids start from the clock so that ids handed out before a restart are never reused.
    this.nextProducerId = BigInt(Date.now()) * 1000n;
  }

  api(key: number): KafkaApi | undefined {
    return this.apis.get(key);
  }

  supportedApis(): KafkaApi[] {
    return [...this.apis.values()];
  }

  get advertisedHost(): string {
    return this.options.host === '0.0.0.0' ? '127.0.0.1' : this.options.host;
  }

  /** The topic, created on first use when auto-creation is on; an error code otherwise. */
  topicForUse(name: string, allowAutoCreate = true): Topic | number {
    const existing = this.topics.get(name);
    if (existing) return existing;
    if (!allowAutoCreate || !this.options.autoCreateTopics) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    if (topicNameError(name)) return ErrorCode.INVALID_TOPIC_EXCEPTION;
    this.options.log({ event: 'topic.auto-created', topic: name, partitions: this.options.defaultPartitions });
    return this.topics.create(name, this.options.defaultPartitions);
  }

  allocateProducerId(): bigint {
    return this.nextProducerId++;
  }

  private accept(socket: net.Socket): void {
    const connection = new ClientConnection(socket, this);
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    for (const c of this.connections) c.close();
    await closed;
    this.groups.close();
    this.groups.offsets.close();
    this.topics.close();
  }
}
