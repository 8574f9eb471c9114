import { randomBytes } from 'node:crypto';
import { deadLetterTopic } from '@idcard/contracts';
import { DEAD_LETTER_HEADERS } from '@idcard/messaging';
import type { IHeaders, Kafka } from 'kafkajs';

/** One message parked on a dead-letter topic, as `npm run ops -- dlq list` shows it. */
export interface ParkedMessage {
  /** Where it is parked. */
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  /** Where it was read from when it was dead-lettered (the x-original-* headers). */
  topic: string;
  partition: number | null;
  offset: string | null;
  /** The envelope's message id and type, when the value is an envelope at all. */
  messageId: string | null;
  type: string | null;
  reason: string;
  /** Which service parked it, and when (its clock). */
  deadLetteredBy: string | null;
  deadLetteredAt: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

const DEAD_LETTER_SUFFIX = '.dlq';
/** Headers the inbox adds when it parks a message; a replay sends the message without them. */
const PARKING_HEADERS = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
export const REPLAY_HEADERS = { from: 'x-replayed-from', at: 'x-replayed-at' } as const;

/** The dead-letter topic of a topic; given a dead-letter topic, that topic. */
export function dlqOf(topic: string): string {
  return topic.endsWith(DEAD_LETTER_SUFFIX) ? topic : deadLetterTopic(topic);
}

function headerText(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? null : one.toString();
}

function envelopeFields(value: Buffer | null): { messageId: string | null; type: string | null } {
  try {
    const envelope = JSON.parse(value?.toString('utf8') ?? '') as { messageId?: unknown; type?: unknown } | null;
    return {
      messageId: typeof envelope?.messageId === 'string' ? envelope.messageId : null,
      type: typeof envelope?.type === 'string' ? envelope.type : null,
    };
  } catch {
    return { messageId: null, type: null };
  }
}

/** Every dead-letter topic of the cluster, or the one of `topic`. */
export async function deadLetterTopicsOf(kafka: Kafka, topic?: string): Promise<string[]> {
  if (topic) return [dlqOf(topic)];
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((t) => t.endsWith(DEAD_LETTER_SUFFIX)).sort();
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads dead-letter topics from their start to their end as they are now, with a consumer group of its own that
 * commits nothing (the topics are an archive; reading them moves no one's offsets).
 */
export async function readParkedMessages(kafka: Kafka, dlqTopics: string[], timeoutMs = 30_000): Promise<ParkedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of dlqTopics.filter((t) => existing.has(t)))
      for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const parked: ParkedMessage[] = [];
  const consumer = kafka.consumer({ groupId: `idcard-ops-dlq-reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))], fromBeginning: true });
    const waiting = new Set(ends.keys());
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the dead-letter topics were not read to their end within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const place = `${topic}/${partition}`;
            const end = ends.get(place);
            if (end === undefined || BigInt(message.offset) >= end) return;
            const headers: Record<string, Buffer> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              const one = Array.isArray(value) ? value[0] : value;
              if (one !== undefined) headers[name] = Buffer.isBuffer(one) ? one : Buffer.from(one);
            }
            const originalPartition = headerText(message.headers, DEAD_LETTER_HEADERS.partition);
            parked.push({
              dlqTopic: topic,
              dlqPartition: partition,
              dlqOffset: message.offset,
              topic: headerText(message.headers, DEAD_LETTER_HEADERS.topic) ?? topic.slice(0, -DEAD_LETTER_SUFFIX.length),
              partition: originalPartition === null ? null : Number(originalPartition),
              offset: headerText(message.headers, DEAD_LETTER_HEADERS.offset),
              ...envelopeFields(message.value),
              reason: headerText(message.headers, DEAD_LETTER_HEADERS.reason) ?? 'unspecified',
              deadLetteredBy: headerText(message.headers, DEAD_LETTER_HEADERS.service),
              deadLetteredAt: headerText(message.headers, DEAD_LETTER_HEADERS.at),
              key: message.key,
              value: message.value,
              headers,
            });
            if (BigInt(message.offset) + 1n >= end) waiting.delete(place);
            if (waiting.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return parked.sort((a, b) => a.dlqTopic.localeCompare(b.dlqTopic) || a.dlqPartition - b.dlqPartition || Number(BigInt(a.dlqOffset) - BigInt(b.dlqOffset)));
}

/**
 * Puts parked messages back on the topic they were read from: the same key, value and signature headers (the
 * signature covers topic, key and value, so it still verifies), without the parking headers, with where and when
 * it was replayed from. The receiving inbox claims each message id once, so replaying twice applies nothing twice.
 */
export async function replayParkedMessages(kafka: Kafka, messages: ParkedMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const m of messages) {
      const headers: Record<string, Buffer | string> = {};
      for (const [name, value] of Object.entries(m.headers)) if (!PARKING_HEADERS.has(name)) headers[name] = value;
      headers[REPLAY_HEADERS.from] = `${m.dlqTopic}/${m.dlqPartition}/${m.dlqOffset}`;
      headers[REPLAY_HEADERS.at] = now.toISOString();
      // The topic the dead-letter topic belongs to, not the header's: a header cannot send a message anywhere else.
      await producer.send({ topic: m.dlqTopic.slice(0, -DEAD_LETTER_SUFFIX.length), acks: -1, messages: [{ key: m.key, value: m.value, headers }] });
    }
  } finally {
    await producer.disconnect();
  }
}
