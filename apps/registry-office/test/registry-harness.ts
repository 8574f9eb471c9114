import { randomBytes, randomUUID } from 'crypto';
import { AdjustableClock } from '@idcard/clock';
import {
  ageOn,
  ApplicationSubmitted,
  assertValidMessage,
  CardProduced,
  cstDate,
  deadLetterTopic,
  dueDateFor,
  encodeMessage,
  Envelope,
  MessageType,
  newEnvelope,
  topics,
} from '@idcard/contracts';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { DevBroker, startDevBroker } from '@idcard/devbroker';
import type { RunningService } from '@idcard/service-runtime';
import { photoFields, SyntheticCitizen, syntheticCitizens, syntheticFingerprints } from '@idcard/synthetic';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { startRegistryOffice } from '../src';
import { waitFor } from '@idcard/testing';

export const HOME = '44';
/** Receiving provinces of the tests: Beijing (remote) and Guangdong itself (local). */
export const REMOTE = '11';
export const REGISTER_SIZE = 300;
export const REGISTER_SEED = 3;

export interface SeenMessage {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  raw: string;
  envelope: Envelope<any> | null;
}

export interface HttpAnswer {
  status: number;
  body: any;
}

/** The registry office of province 44 on real PostgreSQL and a Kafka-protocol broker, with a client of each side. */
export class RegistryHarness {
  readonly seen: SeenMessage[] = [];
  private readonly run = randomBytes(4).toString('hex').toUpperCase();
  private receipts = 0;
  private nextCitizen = 0;
  readonly citizens: SyntheticCitizen[];

  private constructor(
    readonly service: RunningService,
    readonly clock: AdjustableClock,
    readonly db: TestDatabase,
    private readonly broker: DevBroker | null,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
  ) {
    this.citizens = syntheticCitizens(HOME, REGISTER_SIZE, REGISTER_SEED);
  }

  static async start(): Promise<RegistryHarness> {
    const db = await databaseForTests({ prefix: 'registry_office' });
    const broker = process.env.KAFKA_BROKERS ? null : await startDevBroker({ port: 0 });
    const brokers = process.env.KAFKA_BROKERS?.split(',') ?? broker!.brokers;
    const clock = new AdjustableClock();
    const service = await startRegistryOffice({
      identity: { service: 'registry-office', province: HOME },
      databaseUrl: db.url,
      kafkaBrokers: brokers,
      clock,
      httpPort: 0,
      logLevels: [],
      maxWaitTimeInMs: 100,
    });
    const kafka = new Kafka({ clientId: 'registry-office-test', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `registry-office-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    const harness = new RegistryHarness(service, clock, db, broker, producer, consumer);
    await consumer.subscribe({
      topics: [
        topics.receivingDecisions(REMOTE),
        topics.receivingDecisions(HOME),
        topics.productionOrders(REMOTE),
        topics.productionOrders(HOME),
        topics.cardInvalidations(),
        deadLetterTopic(topics.registryApplications(HOME)),
        deadLetterTopic(topics.registryCards(HOME)),
      ],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        let envelope: Envelope<any> | null = null;
        try {
          envelope = JSON.parse(raw);
        } catch {
          envelope = null;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        harness.seen.push({ topic, key: message.key?.toString() ?? null, headers, raw, envelope });
      },
    });
    return harness;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    await this.service.stop();
    await this.broker?.stop();
    await this.db.dispose();
  }

  get url(): string {
    return this.service.url;
  }

  async http(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** A unique receipt number of this run, from the given receiving province. */
  newReceipt(receivingProvince = REMOTE): string {
    return `R${receivingProvince}-T${this.run}-${String(++this.receipts).padStart(4, '0')}`;
  }

  /** A citizen of the seeded register that no other test has used, adult unless asked otherwise. */
  citizen(adult = true): SyntheticCitizen {
    const today = cstDate(this.clock.now());
    while (this.nextCitizen < this.citizens.length) {
      const c = this.citizens[this.nextCitizen++];
      if (ageOn(c.birthDate, today) >= 16 === adult) return c;
    }
    throw new Error('the test register has run out of citizens');
  }

  application(c: SyntheticCitizen, over: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
    const acceptedAt = this.clock.now();
    const receivingProvince = over.receivingProvince ?? REMOTE;
    return {
      receiptNumber: this.newReceipt(receivingProvince),
      kind: 'renewal',
      citizen: { idNumber: c.idNumber, name: c.name, sex: c.sex, birthDate: c.birthDate, ethnicGroup: c.ethnicGroup },
      homeProvince: HOME,
      receivingProvince,
      receivingOfficeCode: receivingProvince === HOME ? '44010601' : '11010501',
      photo: photoFields(),
      fingerprints: { templates: syntheticFingerprints(this.receipts) },
      feePaidYuan: 20,
      residenceDeclaration: { address: '北京市朝阳区望京街道10号', declaredAt: acceptedAt.toISOString() },
      delivery: { method: 'counter' },
      expedited: false,
      acceptedAt: acceptedAt.toISOString(),
      dueAt: dueDateFor(acceptedAt).toISOString(),
      ...over,
    } as ApplicationSubmitted;
  }

  /** Puts an application on the registry's topic as a receiving office would; resolves the envelope sent. */
  async submit(application: ApplicationSubmitted, messageId?: string): Promise<Envelope> {
    const envelope = newEnvelope(MessageType.ApplicationSubmitted, application, {
      source: { province: application.receivingProvince, service: 'receiving-office' },
      correlationId: application.receiptNumber,
      now: this.clock.now(),
      messageId,
    });
    assertValidMessage(envelope);
    await this.produce(topics.registryApplications(HOME), application.citizen.idNumber, encodeMessage(envelope));
    return envelope;
  }

  /** Reports a card produced, as a production centre would. */
  async cardProduced(card: CardProduced): Promise<void> {
    const envelope = newEnvelope(MessageType.CardProduced, card, {
      source: { province: card.producedBy, service: 'production-center' },
      correlationId: card.receiptNumber,
      now: this.clock.now(),
    });
    assertValidMessage(envelope);
    await this.produce(topics.registryCards(HOME), card.idNumber, encodeMessage(envelope));
  }

  /** Reports on the 60-day limit, as the receiving office's scheduler would. */
  async deadlineReport(type: 'DeadlineWarning' | 'DeadlineBreached', payload: object, idNumber: string, receiptNumber: string): Promise<void> {
    const envelope = newEnvelope(type, payload, { source: { province: REMOTE, service: 'receiving-office' }, correlationId: receiptNumber, now: this.clock.now() });
    assertValidMessage(envelope);
    await this.produce(topics.registryApplications(HOME), idNumber, encodeMessage(envelope));
  }

  async produce(topic: string, key: string, value: string): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
  }

  /** Messages about one receipt (by correlation id) on one topic. */
  about(receiptNumber: string, topic?: string, type?: string): SeenMessage[] {
    return this.seen.filter((m) => m.envelope?.correlationId === receiptNumber && (!topic || m.topic === topic) && (!type || m.envelope?.type === type));
  }

  /** Waits for the registry's decision on a receipt (signed off or rejected) on the receiving office's topic. */
  decisionOn(receiptNumber: string, receivingProvince = REMOTE): Promise<SeenMessage> {
    return waitFor(`a decision on ${receiptNumber}`, () => this.about(receiptNumber, topics.receivingDecisions(receivingProvince))[0]);
  }

  /** Waits until the registry's view of a receipt satisfies `done`. */
  async applicationWhen(receiptNumber: string, done: (view: any) => boolean): Promise<any> {
    return waitFor(`application ${receiptNumber} to reach the expected state`, async () => {
      const res = await this.http('GET', `/applications/${receiptNumber}`);
      return res.status === 200 && done(res.body) ? res.body : null;
    });
  }
}
