import { AdjustableClock } from '@idcard/clock';
import { encodeMessage, Envelope, newEnvelope, ProvinceCode, ServiceName } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import type { TokenRequest } from '@idcard/access';
import type { AccessOptions, RunningService, ServiceConfig } from '@idcard/service-runtime';
import type { ServiceTrust } from '@idcard/trust';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { TopicRecorder, RecordedMessage } from './topic-recorder';
import { kafkaForTests, TestKafka } from './test-kafka';
import { TestIssuer } from './test-issuer';
import { TestKeys } from './test-keys';

/** An HTTP answer: its status and its JSON body (null when empty). */
export interface HttpAnswer<T = any> {
  status: number;
  body: T;
}

export interface ServiceUnderTestOptions {
  service: ServiceName;
  province: ProvinceCode;
  /** Topics the service writes to that the test reads: recorded from the beginning in `log`. */
  watch?: string[];
  /** Starts the service from the configuration every test service gets (free port, test database, quiet logs). */
  start: (config: ServiceConfig) => Promise<RunningService>;
  clock?: AdjustableClock;
  /** The Kafka of another service under test, for services that talk to each other; that one's owner stops it. */
  kafka?: TestKafka;
  /** Its own key and the suite's list by default; a test of key rotation gives it more keys. */
  trust?: (keys: TestKeys, clock: AdjustableClock) => Promise<ServiceTrust>;
  /** How often the service reads the trust list again (default 0: only when a test calls reload). */
  trustReloadIntervalMs?: number;
  /**
   * Who calls a route when a test does not say (`http(…, { as })`): the app's fixtures map each route to the role
   * that uses it, so behaviour tests read as before; the access tests say `as` on every call. Null: no token.
   */
  actorFor?: (method: string, path: string) => TokenRequest | null;
  /** Access settings over the suite issuer's defaults (a test of the rate limits, of private /metrics). */
  access?: Partial<AccessOptions>;
  /** A database the test controls (to stop its server, say) instead of a fresh one; disposed with the service. */
  database?: TestDatabase;
}

/** How one HTTP call of a test is made: as whom (a token from the suite's issuer), or with raw headers. */
export interface CallOptions {
  as?: TokenRequest | null;
  headers?: Record<string, string>;
}

/** How a test puts a message on a topic: signed as its envelope's source (the default), as another service, or not at all. */
export interface SendOptions {
  as?: { service: ServiceName; province: string };
  unsigned?: boolean;
  /** Extra headers, over the signature's (to forge one). */
  headers?: Record<string, string>;
}

/** The sender an envelope (or a JSON text of one) names, if it names one. */
function sourceOf(value: string | Envelope): { service: ServiceName; province: string } | null {
  try {
    const envelope = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Envelope> | null;
    const source = envelope?.source;
    return source && typeof source.service === 'string' && typeof source.province === 'string' ? source : null;
  } catch {
    return null;
  }
}

/**
 * One HTTP request to a service at `baseUrl` (what `ServiceUnderTest.http` does), for a test that runs several
 * replicas of a service and must say which one it asks. A string body is sent as it is (to test bad JSON).
 */
export async function httpRequest<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Log levels of services under test: silent, unless TEST_SERVICE_LOGS=1 asks to see them. */
export function testLogLevels(env: Record<string, string | undefined> = process.env): string[] {
  return env.TEST_SERVICE_LOGS ? ['log', 'warn', 'error'] : [];
}

/**
 * One service on real parts — a database of its own (DATABASE_URL or embedded PostgreSQL), Kafka (KAFKA_BROKERS
 * or a development broker), HTTP on a free port — with a producer for its input topics, a log of what it sends,
 * and an adjustable clock. The same harness for every service; tests add their domain's helpers on top.
 */
export class ServiceUnderTest {
  private constructor(
    readonly service: RunningService,
    readonly clock: AdjustableClock,
    readonly database: TestDatabase,
    readonly kafka: TestKafka,
    readonly log: TopicRecorder,
    readonly keys: TestKeys,
    readonly issuer: TestIssuer,
    private readonly actorFor: ServiceUnderTestOptions['actorFor'],
    private readonly producer: Producer,
    private readonly client: Kafka,
  ) {}

  static async start(options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
    const clock = options.clock ?? new AdjustableClock();
    const shared = options.kafka && { ...options.kafka, stop: async () => undefined };
    const [database, kafka] = await Promise.all([
      options.database ?? databaseForTests({ prefix: options.service.replace('-', '_') }),
      shared ?? kafkaForTests(),
    ]);
    try {
      const client = new Kafka({
        clientId: `${options.service}-test`,
        brokers: kafka.brokers,
        logLevel: logLevel.NOTHING,
        retry: { retries: 8, initialRetryTime: 50 },
      });
      const producer = client.producer({ allowAutoTopicCreation: true });
      const keys = TestKeys.forThisSuite();
      const issuer = TestIssuer.forThisSuite();
      const identity = { service: options.service, province: options.province };
      const trust = await (options.trust ? options.trust(keys, clock) : keys.trustFor(identity, clock));
      const [service, log] = await Promise.all([
        options.start({
          identity,
          databaseUrl: database.url,
          kafkaBrokers: kafka.brokers,
          clock,
          trust,
          trustReloadIntervalMs: options.trustReloadIntervalMs ?? 0,
          access: { ...issuer.access(clock), ...options.access },
          biometrics: issuer.biometrics,
          httpPort: 0,
          logLevels: testLogLevels(),
          maxWaitTimeInMs: 100,
        }),
        TopicRecorder.start(client, options.watch ?? []),
        producer.connect(),
      ]);
      return new ServiceUnderTest(service, clock, database, kafka, log, keys, issuer, options.actorFor, producer, client);
    } catch (err) {
      await kafka.stop().catch(() => undefined);
      await database.dispose().catch(() => undefined);
      throw err;
    }
  }

  get url(): string {
    return this.service.url;
  }

  /** A Kafka client on the same cluster, for a test's own admin or consumer. */
  get kafkaClient(): Kafka {
    return this.client;
  }

  /** What the service sent on the watched topics. */
  get messages(): RecordedMessage[] {
    return this.log.messages;
  }

  /** Rows of a query on the service's own database (a test looking at what a table holds, as a dump would). */
  async sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** A token from the suite's issuer, dated by the service's clock. */
  token(request: TokenRequest): Promise<string> {
    return this.issuer.token(request, this.clock);
  }

  async http<T = any>(method: string, path: string, body?: unknown, call: CallOptions | Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const options: CallOptions = 'as' in call || 'headers' in call ? (call as CallOptions) : { headers: call as Record<string, string> };
    const actor = options.as !== undefined ? options.as : (this.actorFor?.(method, path) ?? null);
    const authorization: Record<string, string> = actor ? { authorization: `Bearer ${await this.token(actor)}` } : {};
    return httpRequest<T>(this.url, method, path, body, { ...authorization, ...options.headers });
  }

  /**
   * Puts a value (an envelope, or raw text to test bad input) on a topic, as another service would: signed with
   * the key of the service its envelope names as source, unless told otherwise (`as`, `unsigned`).
   */
  async send(topic: string, key: string, value: string | Envelope, options: SendOptions = {}): Promise<void> {
    const text = typeof value === 'string' ? value : encodeMessage(value);
    const signer = options.unsigned ? null : (options.as ?? sourceOf(value));
    const signature = signer && this.keys.has(signer) ? this.keys.signatureHeaders(signer, topic, key, text) : {};
    await this.producer.send({ topic, acks: -1, messages: [{ key, value: text, headers: { ...signature, ...options.headers } }] });
  }

  /** Sends a payload in a proper envelope from another service; resolves the envelope. */
  async sendMessage(
    topic: string,
    key: string,
    type: string,
    payload: object,
    o: { from: { province: string; service: ServiceName }; correlationId: string; messageId?: string },
  ): Promise<Envelope> {
    const envelope = newEnvelope(type, payload, { source: o.from, correlationId: o.correlationId, now: this.clock.now(), messageId: o.messageId });
    await this.send(topic, key, envelope);
    return envelope;
  }

  async stop(): Promise<void> {
    await this.log.stop();
    await this.producer.disconnect().catch(() => undefined);
    await this.service.stop();
    await this.kafka.stop();
    await this.database.dispose();
  }
}
