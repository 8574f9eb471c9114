import type { Broker } from './broker';
import type { Reader } from './protocol/reader';
import type { Writer } from './protocol/writer';

/** What a request handler knows about the request it serves. */
export interface RequestContext {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
  clientHost: string;
  broker: Broker;
  /** Resolves when the client's connection closes, so long polls can give up. */
  closed: Promise<void>;
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
