import { randomUUID } from 'crypto';
import type { Clock } from '@idcard/clock';
import { encodeMessage, Envelope, MessageType, newEnvelope } from '@idcard/contracts';
import { photoFields, SyntheticCitizen } from '@idcard/synthetic';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';

export { waitFor } from '@idcard/testing';

export function kafkaFor(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'production-center-test', brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
}

export interface Received {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  value: string;
  /** The envelope, when the value is one. */
  envelope: Envelope<any> | null;
}

/** Everything the services send on some topics, read by a consumer group of the test's own. */
export class MessageLog {
  readonly received: Received[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: string[]): Promise<MessageLog> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: topics.map((topic) => ({ topic })) });
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `production-center-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const log = new MessageLog(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? '';
        let envelope: Envelope | null = null;
        try {
          envelope = JSON.parse(value);
        } catch {
          envelope = null;
        }
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        log.received.push({ topic, key: message.key?.toString() ?? null, headers, value, envelope });
      },
    });
    return log;
  }

  /** Envelopes of one type on one topic whose payload passes the filter. */
  envelopes<P = any>(topic: string, type: string, filter: (payload: P) => boolean = () => true): Envelope<P>[] {
    return this.received.filter((r) => r.topic === topic && r.envelope?.type === type && filter(r.envelope.payload)).map((r) => r.envelope as Envelope<P>);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Puts messages on a service's topic as another service would. */
export class Sender {
  private constructor(private readonly producer: Producer) {}

  static async start(kafka: Kafka): Promise<Sender> {
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    return new Sender(producer);
  }

  async send(topic: string, key: string, value: string | Envelope): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value: typeof value === 'string' ? value : encodeMessage(value) }] });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** A unique tag per run, so receipts never collide with an earlier run on a shared Kafka. */
export const RUN = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();

export function receipt(province: string, n: number): string {
  return `R${province}-${RUN}-${String(n).padStart(4, '0')}`;
}

export interface OrderOptions {
  receiptNumber: string;
  citizen: SyntheticCitizen;
  receivingOfficeCode: string;
  expedited?: boolean;
  dueAt?: Date;
  cardScript?: string | null;
  forwardedFrom?: string;
  receivingProvince?: string;
}

/** A ProductionOrdered payload as a home registry sends it. */
export function productionOrder(o: OrderOptions, clock: Clock): Record<string, unknown> {
  const now = clock.now();
  return {
    receiptNumber: o.receiptNumber,
    kind: 'renewal',
    citizen: { idNumber: o.citizen.idNumber, name: o.citizen.name, sex: o.citizen.sex, birthDate: o.citizen.birthDate, ethnicGroup: o.citizen.ethnicGroup },
    photo: photoFields(),
    cardScript: o.cardScript ?? null,
    homeProvince: o.citizen.homeProvince,
    receivingProvince: o.receivingProvince ?? o.receivingOfficeCode.slice(0, 2),
    receivingOfficeCode: o.receivingOfficeCode,
    expedited: o.expedited ?? false,
    dueAt: (o.dueAt ?? new Date(now.getTime() + 50 * 86_400_000)).toISOString(),
    orderedAt: now.toISOString(),
    ...(o.forwardedFrom ? { forwardedFrom: o.forwardedFrom } : {}),
  };
}

export function orderEnvelope(payload: Record<string, unknown>, clock: Clock, messageId?: string): Envelope {
  return newEnvelope(MessageType.ProductionOrdered, payload, {
    source: { province: String(payload.homeProvince), service: 'registry-office' },
    correlationId: String(payload.receiptNumber),
    now: clock.now(),
    messageId,
  });
}

export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

export async function postJson(url: string, body: unknown = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
