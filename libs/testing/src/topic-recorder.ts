import { randomUUID } from 'node:crypto';
import type { Envelope } from '@idcard/contracts';
import { Consumer, IHeaders, Kafka } from 'kafkajs';

/** One message a service sent, as a consumer of the test's own read it. */
export interface RecordedMessage {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  /** The value as sent. */
  raw: string;
  /** The value parsed as an envelope, or null when it is not JSON. */
  envelope: Envelope<any> | null;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = String(Array.isArray(v) ? v[0] : v);
  return out;
}

function envelopeOf(raw: string): Envelope<any> | null {
  try {
    return JSON.parse(raw) as Envelope<any>;
  } catch {
    return null;
  }
}

/** Everything sent on some topics, from the beginning, read by a consumer group of the test's own. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: string[]): Promise<TopicRecorder> {
    const consumer = kafka.consumer({ groupId: `test-log-${randomUUID()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: true });
    const log = new TopicRecorder(consumer);
    await consumer.connect();
    if (topics.length === 0) return log;
    // Created first, so a topic nobody has written to yet is read from its start, not from wherever it began.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: topics.map((topic) => ({ topic })) }).finally(() => admin.disconnect());
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        log.messages.push({ topic, key: message.key?.toString() ?? null, headers: headersOf(message.headers), raw, envelope: envelopeOf(raw) });
      },
    });
    return log;
  }

  /** Messages on a topic, optionally of one envelope type and about one receipt (correlation id). */
  on(topic: string, filter: { type?: string; correlationId?: string } = {}): RecordedMessage[] {
    return this.messages.filter(
      (m) =>
        m.topic === topic &&
        (!filter.type || m.envelope?.type === filter.type) &&
        (!filter.correlationId || m.envelope?.correlationId === filter.correlationId),
    );
  }

  /** Envelopes of one type on one topic whose payload passes the filter. */
  envelopes<P = any>(topic: string, type: string, filter: (payload: P) => boolean = () => true): Envelope<P>[] {
    return this.on(topic, { type })
      .map((m) => m.envelope as Envelope<P>)
      .filter((e) => filter(e.payload));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
