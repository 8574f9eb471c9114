import { randomUUID } from 'crypto';
import { AdjustableClock } from '@idcard/clock';
import { encodeMessage, newEnvelope, ProvinceCode, ServiceName } from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import type { RunningService } from '@idcard/service-runtime';
import { Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { startReceivingOffice } from '../src';

export interface Observed {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = String(Array.isArray(v) ? v[0] : v);
  return out;
}

/**
 * A receiving office on real PostgreSQL and a real Kafka-protocol broker, with a producer for its input topics and
 * a consumer that records everything on the topics it writes to.
 */
export class ReceivingOfficeHarness {
  readonly clock = new AdjustableClock();
  readonly observed: Observed[] = [];
  private database!: TestDatabase;
  private broker: DevBroker | null = null;
  private office!: RunningService;
  private producer!: Producer;
  private consumer!: Consumer;

  constructor(
    readonly province: ProvinceCode,
    private readonly observedTopics: string[],
  ) {}

  get url(): string {
    return this.office.url;
  }

  async start(): Promise<void> {
    const fromEnv = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
    const [database, brokers] = await Promise.all([
      databaseForTests({ prefix: 'receiving_office' }),
      fromEnv?.length ? Promise.resolve(fromEnv) : startDevBroker({ port: 0 }).then((b) => ((this.broker = b), b.brokers)),
    ]);
    this.database = database;
    const kafka = new Kafka({ clientId: 'receiving-office-test', brokers, logLevel: logLevel.NOTHING });
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
    this.consumer = kafka.consumer({ groupId: `receiving-office-test-${randomUUID()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: true });
    const [office] = await Promise.all([
      startReceivingOffice({
        identity: { service: 'receiving-office', province: this.province },
        databaseUrl: database.url,
        kafkaBrokers: brokers,
        clock: this.clock,
        httpPort: 0,
        logLevels: [],
        maxWaitTimeInMs: 100,
      }),
      this.producer.connect(),
      this.consumer.connect(),
    ]);
    this.office = office;
    await this.consumer.subscribe({ topics: this.observedTopics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        this.observed.push({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers: headersOf(message.headers) });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.office?.stop();
    await this.broker?.stop();
    await this.database?.dispose();
  }

  /** Puts a message on a topic in a proper envelope; resolves the envelope's message id. */
  async send(
    topic: string,
    type: string,
    payload: object,
    o: { key: string; correlationId: string; from: { province: ProvinceCode; service: ServiceName }; messageId?: string },
  ): Promise<string> {
    const envelope = newEnvelope(type, payload, { source: o.from, correlationId: o.correlationId, clock: this.clock, messageId: o.messageId });
    await this.sendRaw(topic, o.key, encodeMessage(envelope));
    return envelope.messageId;
  }

  async sendRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.office.url}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}
