import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { MESSAGE_HEADERS } from '@idcard/contracts';
import { withoutInstrumentation } from '@idcard/tracing';
import { signatureHeaders } from '@idcard/trust';
import { Message, PartitionerArgs, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { AfterCommit } from './after-commit';
import { MessageLog } from './message-log';
import { endProducerSpans, startProducerSpan } from './message-tracing';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';

const BATCH_SIZE = 500;

interface UnsentRow {
  id: string;
  message_id: string;
  topic: string;
  message_key: string;
  message_type: string;
  body: string;
  signature: string | null;
  key_id: string | null;
  trace_parent: string | null;
  trace_state: string | null;
}

/** What the relay has yet to publish: for the outbox backlog metrics. */
export interface OutboxBacklog {
  messages: number;
  /** created_at of the oldest unsent message (the services' clock); null when nothing waits. */
  oldestCreatedAt: Date | null;
}

/**
 * Publishes the outbox to Kafka in order (idempotent producer, acks=all) and marks rows sent in the same
 * transaction that locked them. Rows are claimed with SKIP LOCKED, so replicas share the work; a crash between
 * publish and mark resends, which the receivers' inboxes absorb. Each message goes with the signature stored beside
 * it (x-signature, x-key-id), so a resend is byte-identical, and each is appended to the message log as `sent`, with
 * the partition and offset Kafka gave it, in the transaction that marks it sent.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private readonly wakeNow = () => this.wake();
  /** The partition kafkajs chose for each message object it was handed, recorded by the partitioner below. */
  private readonly partitionOf = new WeakMap<Message, number>();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly messageLog: MessageLog,
    private readonly afterCommit: AfterCommit,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      // kafkajs's own default partitioner, unchanged (a key stays on its partition), that also notes its choice: sendBatch
      // reports one base offset per partition, and a message's offset follows from its partition and place in it.
      createPartitioner: () => {
        const choose = Partitioners.DefaultPartitioner();
        return (args: PartitionerArgs) => {
          const partition = choose(args);
          this.partitionOf.set(args.message, partition);
          return partition;
        };
      },
    });
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Before the database closes (TypeORM closes it on application shutdown): finish the batch in hand, then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.producer?.disconnect();
  }

  /**
   * Look again once the transaction of `em` has committed (at once when `em` is not in a transaction): woken by the
   * write itself, the relay would find nothing and sleep a whole interval with the message waiting.
   */
  wakeAfterCommit(em: EntityManager): void {
    this.afterCommit.run(em, this.wakeNow);
  }

  /** Look again now: a transaction has just added to the outbox. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    // Woken after every commit that adds to the outbox, the relay polls only as a safety net (rows another replica's
    // crash left, a wake lost to a failed send), every 5 s as the SMS relays do: at 93 services on one machine a poll a
    // second was 93 idle transactions a second. After a failure it retries sooner, backing off from 200 ms.
    const interval = this.options.relayIntervalMs ?? 5000;
    const retryBase = Math.min(interval, 200);
    let failures = 0;
    while (this.running) {
      try {
        this.pendingWake = false;
        const sent = await this.publishBatch();
        failures = 0;
        if (sent === BATCH_SIZE) continue;
      } catch (err) {
        failures++;
        this.logger.error({ event: 'outbox.publish-failed', attempt: failures, error: (err as Error).message });
      }
      if (!this.running) break;
      if (this.pendingWake && failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures ? Math.min(5000, retryBase * 2 ** failures) : interval);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Unsent messages and the oldest one's time; both read through the partial index on unsent rows. */
  async backlog(): Promise<OutboxBacklog> {
    const [row]: { messages: string; oldest_created_at: Date | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox_message WHERE sent_at IS NULL) AS messages,
              (SELECT created_at FROM outbox_message WHERE sent_at IS NULL ORDER BY id LIMIT 1) AS oldest_created_at`,
    );
    return { messages: Number(row.messages), oldestCreatedAt: row.oldest_created_at };
  }

  /** Publishes up to one batch of unsent messages; resolves how many were sent. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: UnsentRow[] = await em.query(
        `SELECT id, message_id, topic, message_key, message_type, body, signature, key_id, trace_parent, trace_state FROM outbox_message
          WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      // Sealed at rest (a photo may be inside); what is signed, sent and logged is the plain body.
      const keyring = this.options.biometrics;
      if (keyring) for (const r of rows) r.body = keyring.open(r.body);
      await this.signUnsigned(em, rows);
      const sent = rows.map((row) => ({ row, message: toKafkaMessage(row) }));
      // Each message in the trace its row was written in (nothing with tracing off), its traceparent in its headers.
      const spans = sent.map(({ row, message }) => startProducerSpan(tracedRecord(row), this.options.identity, message.headers as Record<string, string>));
      const byTopic = new Map<string, typeof sent>();
      for (const s of sent) byTopic.set(s.row.topic, [...(byTopic.get(s.row.topic) ?? []), s]);
      let metadata: RecordMetadata[];
      try {
        // kafkajs's instrumentation stays out: it would put the relay's context in place of each message's own.
        metadata = await withoutInstrumentation(() =>
          this.producer!.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs.map((m) => m.message) })),
          }),
        );
      } catch (err) {
        endProducerSpans(spans, err);
        throw err;
      }
      endProducerSpans(spans);
      const placed = placeSentMessages(byTopic, (m) => this.partitionOf.get(m), metadata);
      const now = this.clock.now();
      await em.query(`UPDATE outbox_message SET sent_at = $1 WHERE id = ANY($2::bigint[])`, [now, rows.map((r) => r.id)]);
      // Last: the log's head stays locked only from here to the commit.
      await this.messageLog.append(
        em,
        sent.map(({ row, message }) => ({
          direction: 'sent' as const,
          topic: row.topic,
          partition: placed.get(message)?.partition ?? null,
          offset: placed.get(message)?.offset ?? null,
          key: row.message_key,
          value: row.body,
          signature: row.signature,
          keyId: row.key_id,
          time: now,
        })),
      );
      return rows.length;
    });
  }

  /**
   * Rows written before messages were signed get their signature now, stored with the row in this transaction. Should
   * the send fail and the transaction roll back, the next attempt signs again: Ed25519 signatures are deterministic,
   * so with the same key the resend is byte-identical all the same.
   */
  private async signUnsigned(em: EntityManager, rows: UnsentRow[]): Promise<void> {
    const unsigned = rows.filter((r) => r.signature === null || r.key_id === null);
    if (unsigned.length === 0) return;
    for (const r of unsigned) {
      const { signature, keyId } = this.options.trust.sign({ topic: r.topic, key: r.message_key, value: r.body });
      r.signature = signature;
      r.key_id = keyId;
    }
    await em.query(
      `UPDATE outbox_message AS o SET signature = u.signature, key_id = u.key_id
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, signature, key_id) WHERE o.id = u.id`,
      [unsigned.map((r) => r.id), unsigned.map((r) => r.signature), unsigned.map((r) => r.key_id)],
    );
  }
}

/** Where Kafka put a message: null when the relay cannot be sure (see placeSentMessages). */
export type Placement = { partition: number; offset: string } | null;

/**
 * Each message's partition and offset after a sendBatch. kafkajs puts a partition's messages of one sendBatch, in the
 * order given, into one record batch and reports that batch's baseOffset, so the i-th message of a partition is at
 * baseOffset + i; the partition is the one the partitioner recorded for the message object (`partitionOf`). A topic's
 * messages are logged without partition and offset (null) when that reasoning cannot be trusted: a message without a
 * recorded partition, a partition with no report (or several, or a failed one), or a report for a partition none of
 * the topic's messages was recorded on (kafkajs re-partitions on a retry after a metadata change while keeping the
 * reports of brokers that had already answered, so the last recorded choice need not be the one a report is for).
 */
export function placeSentMessages(
  byTopic: Map<string, { message: Message }[]>,
  partitionOf: (message: Message) => number | undefined,
  metadata: RecordMetadata[],
): Map<Message, Placement> {
  const placed = new Map<Message, Placement>();
  for (const [topic, msgs] of byTopic) {
    const reports = metadata.filter((m) => m.topicName === topic);
    const perPartition = new Map<number, Message[]>();
    let certain = true;
    for (const { message } of msgs) {
      const partition = partitionOf(message);
      if (partition === undefined) certain = false;
      else perPartition.set(partition, [...(perPartition.get(partition) ?? []), message]);
    }
    if (reports.some((r) => !perPartition.has(r.partition))) certain = false;
    const offsets = new Map<Message, Placement>();
    for (const [partition, messages] of perPartition) {
      const report = reports.filter((r) => r.partition === partition);
      const base = report.length === 1 && report[0].errorCode === 0 ? report[0].baseOffset : undefined;
      if (base === undefined || !/^\d+$/.test(base)) {
        certain = false;
        break;
      }
      messages.forEach((m, i) => offsets.set(m, { partition, offset: String(BigInt(base) + BigInt(i)) }));
    }
    for (const { message } of msgs) placed.set(message, certain ? (offsets.get(message) ?? null) : null);
  }
  return placed;
}

function tracedRecord(r: UnsentRow) {
  return { topic: r.topic, messageId: r.message_id, messageType: r.message_type, traceParent: r.trace_parent, traceState: r.trace_state };
}

/** Exactly the stored bytes and signature: the envelope as text, its type and id, x-signature and x-key-id. */
function toKafkaMessage(r: UnsentRow): Message {
  return {
    key: r.message_key,
    value: r.body,
    headers: {
      [MESSAGE_HEADERS.messageType]: r.message_type,
      [MESSAGE_HEADERS.messageId]: r.message_id,
      ...signatureHeaders({ signature: r.signature!, keyId: r.key_id! }),
    },
  };
}
