import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, LoggerService, Module, Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@idcard/clock';
import { ApplicationSignedOff, encodeMessage, MessageType, newEnvelope, ProvinceCode, ServiceName } from '@idcard/contracts';
import {
  createTrustList,
  generateSigningKeyPair,
  MessageSignature,
  parseAndVerifyTrustList,
  ReceivedMessage,
  serializeTrustList,
  signatureHeaders,
  SignedContent,
  signMessage,
  signTrustList,
  TrustList,
  Verification,
  VerificationFailure,
  verifyMessage,
} from '@idcard/trust';
import { Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  InboundMessage,
  InboxConsumer,
  KafkaInboxTransport,
  MessageTrust,
  messagingEntities,
  messagingMigrations,
  MessagingModule,
  ServiceIdentity,
} from '../src';

type KeyPair = ReturnType<typeof generateSigningKeyPair>;

export interface TestKey {
  keyId: string;
  service: ServiceName;
  province: ProvinceCode;
  pair: KeyPair;
}

/**
 * A national trust list of real Ed25519 keys, signed by a real root key and read back through parseAndVerifyTrustList:
 * what a service loads at start-up, made on the spot.
 */
export class TrustWorld {
  readonly root = generateSigningKeyPair();
  private version = 0;

  constructor(
    readonly keys: TestKey[],
    private readonly clock: Clock,
  ) {}

  static of(clock: Clock, keys: { keyId: string; service: ServiceName; province: ProvinceCode }[]): TrustWorld {
    return new TrustWorld(
      keys.map((k) => ({ ...k, pair: generateSigningKeyPair() })),
      clock,
    );
  }

  key(keyId: string): TestKey {
    const key = this.keys.find((k) => k.keyId === keyId);
    if (!key) throw new Error(`no test key ${keyId}`);
    return key;
  }

  /** A freshly signed list (valid from a day ago for a year, next update due in a day) holding `keyIds` (default: all). */
  list(keyIds: string[] = this.keys.map((k) => k.keyId)): TrustList {
    const now = this.clock.now().getTime();
    const day = 24 * 3600_000;
    const doc = createTrustList({
      version: ++this.version,
      issuedAt: new Date(now - 60_000),
      nextUpdateBy: new Date(now + day),
      keys: keyIds.map((id) => {
        const k = this.key(id);
        return {
          keyId: k.keyId,
          province: k.province,
          service: k.service,
          publicKey: k.pair.publicKey,
          validFrom: new Date(now - day),
          validUntil: new Date(now + 365 * day),
        };
      }),
    });
    return parseAndVerifyTrustList(serializeTrustList(signTrustList(doc, this.root.privateKey)), this.root.publicKey);
  }

  /** Signs as the given key would: for messages the test puts on the broker itself. */
  sign(keyId: string, content: SignedContent, asKeyId = keyId): MessageSignature {
    return signMessage(content, this.key(keyId).pair.privateKey, asKeyId);
  }
}

/** A small real MessageTrust: the service's one signing key, the current list (replaceable), verifyMessage with the clock. */
export class TestTrust implements MessageTrust {
  constructor(
    private list: TrustList,
    private readonly signer: TestKey | null,
    private readonly clock: Clock,
    private readonly allowedSkew = { pastMs: 3600_000, futureMs: 60_000 },
  ) {}

  /** A newer list, as a live reload would bring. */
  replaceList(list: TrustList): void {
    this.list = list;
  }

  sign(content: SignedContent): MessageSignature {
    if (!this.signer) throw new Error('this service holds no signing key valid now');
    return signMessage(content, this.signer.pair.privateKey, this.signer.keyId);
  }

  verify(message: ReceivedMessage): Verification {
    return verifyMessage(message, { trustList: this.list, now: this.clock.now(), allowedSkew: this.allowedSkew });
  }
}

export function kafkaClient(brokers: string[], clientId = `test-${randomUUID().slice(0, 8)}`): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { initialRetryTime: 100, retries: 10 } });
}

/** One message as a consumer of the test's own read it: where it was, and its exact bytes. */
export interface SeenMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = String(Array.isArray(v) ? v[0] : v);
  return out;
}

/** Everything on some topics from the beginning, with partition and offset, read by a consumer group of the test's own. */
export class TopicWatcher {
  readonly messages: SeenMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: string[]): Promise<TopicWatcher> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: topics.map((topic) => ({ topic })) }).finally(() => admin.disconnect());
    const consumer = kafka.consumer({ groupId: `test-watch-${randomUUID()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: true });
    const watcher = new TopicWatcher(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        watcher.messages.push({ topic, partition, offset: message.offset, key: message.key, value: message.value, headers: headersOf(message.headers) });
      },
    });
    return watcher;
  }

  on(topic: string): SeenMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

export interface MessagingServiceOptions {
  identity: ServiceIdentity;
  databaseUrl: string;
  kafka: Kafka;
  clock: Clock;
  trust: MessageTrust;
  /** Topics it consumes; none: no inbox is started (a sender only). */
  topics?: string[];
  /** Topics read by a consumer group of their own, beside the one of `topics` (MessagingOptions.promptLane). */
  promptLane?: { consumerGroup: string; topics: string[] };
  controllers?: Type[];
  migrations?: (new () => MigrationInterface)[];
  /** The inbox's consumer group; default a fresh one. Give the same one to a restarted service to resume where it left off. */
  consumerGroup?: string;
  onRejected?: (reason: VerificationFailure) => void;
  onDeadLetter?: (topic: string, reason: string) => void;
  /** How often the outbox relay polls when nothing wakes it; default 50 ms. */
  relayIntervalMs?: number;
  /** Where the service logs (every level); default nowhere. */
  logger?: LoggerService;
  /** The inbox's long-poll wait; default 100 ms. `null`: not given (MessagingOptions' own default). */
  maxWaitTimeInMs?: number | null;
  /** Join the consumer group paused (MessagingOptions.consumerStartsPaused). */
  consumerStartsPaused?: boolean;
}

/** One line a service logged: its level, what the code logged (an object with an `event`, or a text) and its context. */
export interface LoggedLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  message: unknown;
  context: unknown;
}

/** A Nest logger that keeps every line, for tests of what a service logs. */
export class LogRecorder implements LoggerService {
  readonly lines: LoggedLine[] = [];
  log = (message: unknown, ...rest: unknown[]) => this.record('log', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.record('error', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.record('warn', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.record('debug', message, rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.record('verbose', message, rest);
  fatal = (message: unknown, ...rest: unknown[]) => this.record('fatal', message, rest);

  /** The structured lines (objects) with this event, at any level. */
  events(event: string): (LoggedLine & { message: Record<string, unknown> })[] {
    return this.lines.filter((l): l is LoggedLine & { message: Record<string, unknown> } => (l.message as { event?: unknown } | null)?.event === event);
  }

  private record(level: LoggedLine['level'], message: unknown, rest: unknown[]): void {
    this.lines.push({ level, message, context: rest[rest.length - 1] });
  }
}

/**
 * Makes the first UPDATE that marks an outbox row sent fail, after the relay has published: its transaction rolls
 * back, the row stays unsent and a later round publishes it again, as if the relay had died between the two. (A
 * sequence counts the attempts: its count survives the rollback.)
 */
export async function failFirstMarkSent(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE SEQUENCE test_mark_attempts;
    CREATE FUNCTION test_fail_first_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL AND nextval('test_mark_attempts') = 1 THEN
        RAISE EXCEPTION 'the relay died between publishing and marking the row sent';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_fail_first_mark BEFORE UPDATE ON outbox_message FOR EACH ROW EXECUTE FUNCTION test_fail_first_mark();
  `);
}

@Module({})
class MessagingTestModule {
  static forRoot(o: MessagingServiceOptions): DynamicModule {
    return {
      module: MessagingTestModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: o.databaseUrl,
          entities: messagingEntities,
          migrations: [...messagingMigrations, ...(o.migrations ?? [])],
          migrationsTableName: 'schema_migrations',
          migrationsRun: true,
          synchronize: false,
        }),
        MessagingModule.forRoot({
          identity: o.identity,
          kafka: o.kafka,
          clock: o.clock,
          trust: o.trust,
          consumerGroup: o.consumerGroup ?? `test-${o.identity.service}-${o.identity.province}-${randomUUID().slice(0, 8)}`,
          topics: o.topics ?? [],
          promptLane: o.promptLane,
          relayIntervalMs: o.relayIntervalMs ?? 50,
          maxWaitTimeInMs: o.maxWaitTimeInMs === null ? undefined : (o.maxWaitTimeInMs ?? 100),
          consumerStartsPaused: o.consumerStartsPaused,
          onRejected: o.onRejected,
          onDeadLetter: o.onDeadLetter,
        }),
      ],
      controllers: o.controllers ?? [],
    };
  }
}

/** A minimal Nest service: PostgreSQL migrated, the messaging module, and (with topics) its Kafka inbox started. */
export async function startMessagingService(o: MessagingServiceOptions): Promise<{ app: INestApplication; dataSource: DataSource; stop(): Promise<void> }> {
  const app = await NestFactory.create(MessagingTestModule.forRoot(o), { logger: o.logger ?? false, abortOnError: false });
  if (o.topics?.length || o.promptLane?.topics.length) {
    app.connectMicroservice({ strategy: app.get(KafkaInboxTransport) }, { inheritAppConfig: false });
    await app.startAllMicroservices();
  }
  await app.init();
  return { app, dataSource: app.get(DataSource), stop: () => app.close() };
}

/** test_applied: one row per ApplicationSignedOff that AppliedRecorder applied, with the topic it came from. */
export class CreateAppliedTable1796100000300 implements MigrationInterface {
  name = 'CreateAppliedTable1796100000300';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_applied (receipt_number text PRIMARY KEY, topic text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_applied`);
  }
}

/** A handler that records each sign-off it applies in test_applied (a second apply of one receipt would fail). */
@InboxConsumer()
export class AppliedRecorder {
  @EventPattern(MessageType.ApplicationSignedOff)
  async signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    await msg.em.query(`INSERT INTO test_applied (receipt_number, topic) VALUES ($1, $2)`, [msg.payload.receiptNumber, msg.topic]);
  }
}

/**
 * Beijing's registry (key registry-office-11-a of `world`) signs off `receiptNumber` on `topic`, as the registry does:
 * an ApplicationSignedOff, signed, keyed by the citizen's ID number. Its correlation id is `correlationId` (default the receipt).
 */
export async function sendSignedOff(
  producer: Producer,
  world: TrustWorld,
  clock: Clock,
  message: { topic: string; receiptNumber: string; productionProvince: ProvinceCode; key?: string; correlationId?: string },
): Promise<void> {
  const { topic, receiptNumber, productionProvince } = message;
  const payload: ApplicationSignedOff = { receiptNumber, productionProvince, reviewedBy: 'automatic', signedOffAt: clock.now().toISOString() };
  const envelope = newEnvelope(MessageType.ApplicationSignedOff, payload, {
    source: { service: 'registry-office', province: '11' },
    correlationId: message.correlationId ?? receiptNumber,
    now: clock.now(),
  });
  const key = Buffer.from(message.key ?? '110101199003074571');
  const value = Buffer.from(encodeMessage(envelope));
  await producer.send({ topic, acks: -1, messages: [{ key, value, headers: signatureHeaders(world.sign('registry-office-11-a', { topic, key, value })) }] });
}
