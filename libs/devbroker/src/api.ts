import type { ResolvedOptions } from './config';
import type { GroupCoordinator } from './group-coordinator';
import type { Reader } from './protocol/reader';
import type { SaslSession, SaslUsers } from './sasl';
import type { Writer } from './protocol/writer';
import type { Topic, TopicStore } from './topics';

/** The one node of the development cluster, as every API handler sees it (broker.ts implements it). */
export interface BrokerNode {
  readonly options: ResolvedOptions;
  readonly topics: TopicStore;
  readonly groups: GroupCoordinator;
  readonly port: number;
  readonly advertisedHost: string;
  /** The users a connection must authenticate as (SaslHandshake, SaslAuthenticate); null: no authentication. */
  readonly saslUsers: SaslUsers | null;
  api(key: number): KafkaApi | undefined;
  supportedApis(): KafkaApi[];
  /** The topic, created on first use when auto-creation is on; an error code otherwise. */
  topicForUse(name: string, allowAutoCreate?: boolean): Topic | number;
  allocateProducerId(): bigint;
  /** Fetch requests waiting for data at this moment (long polls): for tests, to know a fetch is parked. */
  waitingFetches: number;
}

/** The node's id in every answer that names brokers (metadata, coordinator), and the cluster's id. */
export const NODE_ID = 0;
export const CLUSTER_ID = 'idcard-devbroker';

/** What a request handler knows about the request it serves. */
export interface RequestContext {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
  clientHost: string;
  broker: BrokerNode;
  /** Resolves when the client's connection closes, so long polls can give up. */
  closed: Promise<void>;
  /**
   * Who the connection authenticated as through SASL (the username; Kafka's principal `User:<name>`), for ACLs to
   * come. null on a broker started without credentials, where every connection may do everything.
   */
  principal: string | null;
  /** The connection's SASL state, which SaslHandshake and SaslAuthenticate advance. */
  sasl: SaslSession;
  /** Sends this request's response, then closes the connection (a refused authentication, as Kafka does). */
  closeAfterResponse(reason: string): void;
}

/** One Kafka API: its key, the versions it implements, and how it turns a request into a response body. */
export interface KafkaApi {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  /** Only ApiVersions answers a version it does not implement (in the v0 layout, with the supported list). */
  answersUnsupportedVersions?: boolean;
  /** Writes the response body; resolves null when no response is sent (Produce with acks=0). */
  handle(ctx: RequestContext, request: Reader, response: Writer): void | null | Promise<void | null>;
}
