import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';

const BATCH_SIZE = 500;

interface UnsentRow {
  id: string;
  message_id: string;
  topic: string;
  message_key: string;
  message_type: string;
  body: string;
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
 * publish and mark resends, which the receivers' inboxes absorb.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
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

  /** Look again now: a transaction has just added to the outbox. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const interval = this.options.relayIntervalMs ?? 200;
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
        const timer = setTimeout(resolve, failures ? Math.min(5000, interval * 2 ** failures) : interval);
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
        `SELECT id, message_id, topic, message_key, message_type, body FROM outbox_message
          WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, UnsentRow[]>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, msgs]) => ({
          topic,
          messages: msgs.map((r) => ({ key: r.message_key, value: r.body, headers: { 'message-type': r.message_type, 'message-id': r.message_id } })),
        })),
      });
      await em.query(`UPDATE outbox_message SET sent_at = $1 WHERE id = ANY($2::bigint[])`, [this.clock.now(), rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
