import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { BaseRpcContext } from '@nestjs/microservices/ctx-host/base-rpc.context';
import { Clock } from '@idcard/clock';
import { decodeMessage, deadLetterTopic } from '@idcard/contracts';
import { withoutInstrumentation } from '@idcard/tracing';
import { LogEntry, signatureFromHeaders, VerificationFailure } from '@idcard/trust';
import { Consumer, EachBatchPayload, EachMessagePayload, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { boundedReason } from './dead-letter-reason';
import { InboundMessage } from './inbound-message';
import { MessageLog } from './message-log';
import { endSpan, inConsumerSpan, startConsumerSpan } from './message-tracing';
import { DEAD_LETTER_HEADERS, MessagingOptions } from './options';
import { RejectMessage } from './reject-message';

export const KAFKA_INBOX_TRANSPORT = Symbol('KafkaInboxTransport');

/** The Kafka message being handled, for handlers that want it (`@Ctx() ctx: KafkaInboxContext`). */
export class KafkaInboxContext extends BaseRpcContext<[EachMessagePayload]> {
  get kafkaMessage(): EachMessagePayload {
    return this.args[0];
  }
}

/**
 * Nest transport for the service's own Kafka topics. Each message is decoded and validated against
 * libs/contracts, verified (signature, trust list, access rights, clock window: options.trust), dispatched by its
 * type to an `@EventPattern(type)` handler and applied in a database transaction together with its inbox row and
 * its `applied` row of the message log, so redelivery changes nothing; the messages of one fetched batch share one
 * transaction (receiveBatch, applyTogether). Offsets are committed (by kafkajs) only after that transaction. A message that cannot be read, fails verification, has no
 * handler here, is rejected by its handler or keeps failing goes to `<topic>.dlq` with the reason in a header, and
 * is logged as `dead-lettered`. With a prompt lane (options.promptLane) its topics are read by a second consumer in
 * a group of its own: its own fetches, batches and transactions, never queued behind the others'.
 */
export class KafkaInboxTransport extends Server implements CustomTransportStrategy {
  protected readonly logger = new Logger(KafkaInboxTransport.name);
  /** The consumer of the service's own topics, and the prompt lane's (options.promptLane), each with its topics. */
  private consumers: { consumer: Consumer; topics: string[] }[] = [];
  private deadLetters: Producer | null = null;
  private closing: Promise<void> | null = null;
  private readonly attempts = new Map<string, number>();
  /**
   * Messages parked on their dead-letter topic whose log entry is not yet written (the database was away), by
   * topic/partition/offset: when kafkajs delivers one again, only the entry is written, the message is not parked twice.
   */
  private readonly owedLogEntries = new Map<string, LogEntry>();

  constructor(
    private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly messageLog: MessageLog = new MessageLog(),
  ) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      const { kafka, consumerGroup, topics, promptLane } = this.options;
      this.deadLetters = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      await this.deadLetters.connect();
      const lanes = [{ groupId: consumerGroup, topics }, ...(promptLane ? [{ groupId: promptLane.consumerGroup, topics: promptLane.topics }] : [])].filter(
        (lane) => lane.topics.length > 0,
      );
      for (const lane of lanes) {
        const consumer = kafka.consumer({ groupId: lane.groupId, maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 1000, allowAutoTopicCreation: true });
        this.consumers.push({ consumer, topics: lane.topics });
        // kafkajs logs nothing here (logLevel NOTHING): a consumer that stops for good must at least say so.
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) this.logger.error({ event: 'consumer.stopped', group: lane.groupId, error: payload.error.message });
        });
        await consumer.connect();
        await consumer.subscribe({ topics: lane.topics, fromBeginning: true });
        // kafkajs's instrumentation would start a trace of its own per batch, linked to the messages' traces; the inbox
        // makes one consumer span per message instead, in the trace of that message (startConsumerSpan).
        await withoutInstrumentation(() =>
          consumer.run({
            partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
            eachBatchAutoResolve: false,
            eachBatch: (b) => this.receiveBatch(b),
          }),
        );
        if (this.options.consumerStartsPaused) consumer.pause(lane.topics.map((topic) => ({ topic })));
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** The running kafkajs consumer of the service's own topics: to pause it, or to watch its events. */
  unwrap<T>(): T {
    return (this.consumers[0]?.consumer ?? null) as T;
  }

  /** The running kafkajs consumer that reads `topic` (the prompt lane's or the other), or null: to pause that topic. */
  consumerOf(topic: string): Consumer | null {
    return this.consumers.find((c) => c.topics.includes(topic))?.consumer ?? null;
  }

  on(): void {
    throw new Error('KafkaInboxTransport has no events to subscribe to; use unwrap() for the kafkajs consumer');
  }

  /** Stops the consumers (each finishes the batch in hand), then the dead-letter producer; called twice, the second waits for the first. */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      await Promise.all(this.consumers.map(({ consumer }) => consumer.disconnect()));
      await this.deadLetters?.disconnect();
      this.consumers = [];
      this.deadLetters = null;
    })());
  }

  /**
   * A fetched batch of one partition, in order. Messages that pass the checks are applied together, in one database
   * transaction: a message whose handler fails is left out alone (and dead-lettered once it has failed maxAttempts
   * times, or at once when its handler rejects it), the others commit (applyTogether). A
   * message that must be dead-lettered before it is applied (unreadable, unverified, no handler) first commits the
   * messages before it, so everything still happens in offset order. An offset is resolved only once the transaction
   * holding its message has committed (or the message is safe on its dead-letter topic), and kafkajs commits resolved
   * offsets only; a redelivery after a crash meets the inbox rows and changes nothing.
   */
  private async receiveBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    let group: Applicable[] = [];
    const flush = async () => {
      const applying = group;
      group = [];
      if (applying.length) await this.applyTogether(applying, resolveOffset);
      await heartbeat();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const delivery: EachMessagePayload = { topic: batch.topic, partition: batch.partition, message, heartbeat, pause: () => () => undefined };
      const checked = this.checkSafely(delivery);
      if ('apply' in checked) {
        group.push(checked.apply);
        continue;
      }
      await flush();
      await checked.otherwise();
      resolveOffset(message.offset);
    }
    await flush();
  }

  /**
   * check(), with anything it throws parked as the message's fault: thrown out of eachBatch, a TypeError would stop
   * the kafkajs consumer for good (every partition of the service, not only this message's).
   */
  private checkSafely(delivery: EachMessagePayload): ReturnType<KafkaInboxTransport['check']> {
    try {
      return this.check(delivery);
    } catch (err) {
      return { otherwise: () => this.deadLetter(delivery, `could not be checked: ${(err as Error).message}`) };
    }
  }

  /** The checks before anything is applied: a message to apply, or what to do instead (dead-letter it, or write a log entry owed). */
  private check(delivery: EachMessagePayload): { apply: Applicable } | { otherwise: () => Promise<void> } {
    const { topic, message } = delivery;
    const owed = this.owedLogEntries.get(placeOf(delivery));
    if (owed) return { otherwise: () => this.logDeadLetter(delivery, owed) };
    const decoded = decodeMessage(message.value ?? Buffer.alloc(0));
    if (!decoded.ok) return { otherwise: () => this.deadLetter(delivery, decoded.reason) };
    const { envelope, payload } = decoded;
    const verification = this.options.trust.verify({
      topic,
      key: message.key,
      value: message.value,
      headers: message.headers,
      envelope: { source: envelope.source, type: envelope.type, occurredAt: envelope.occurredAt, payload },
    });
    if (!verification.ok) return { otherwise: () => this.deadLetter(delivery, `${verification.reason}: ${verification.detail}`, verification.reason) };
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler)
      return {
        otherwise: () =>
          this.deadLetter(delivery, `no handler for message type ${envelope.type} in ${this.options.identity.service} ${this.options.identity.province}`),
      };
    return { apply: { delivery, envelope, payload, handler } };
  }

  /**
   * Applies checked messages in one transaction, their inbox rows claimed in one statement and their `applied` log
   * entries appended last (the log's head is locked from there to the commit only), and resolves their offsets after
   * the commit. No savepoints: they would cost two round trips a message, and nearly every batch applies cleanly.
   * When a handler fails, the transaction is rolled back whole and the failure judged (judge()); the messages before
   * it are applied again in a transaction of their own, then the failed one is dead-lettered, or thrown for kafkajs to
   * deliver again from there; after a dead letter, the messages after it follow the same way. Everything stays in
   * offset order, and each failure is counted once, for the one run of its handler that failed.
   */
  private async applyTogether(group: Applicable[], resolveOffset: (offset: string) => void): Promise<void> {
    if (group.length === 0) return;
    const pass: { failed?: { index: number; error: unknown } } = {};
    try {
      await this.dataSource.transaction(async (em) => {
        const claimed = await this.claim(em, group);
        const entries: LogEntry[] = [];
        for (const [index, item] of group.entries()) {
          if (!claimed.has(item)) {
            this.logger.debug?.({ event: 'message.duplicate', type: item.envelope.type, messageId: item.envelope.messageId });
            continue;
          }
          try {
            await this.runHandler(em, item);
          } catch (err) {
            // The database being away, a deadlock or a serialization failure: the whole group goes, and is retried.
            if (isOutage(err)) throw err;
            pass.failed = { index, error: err };
            throw err;
          }
          entries.push(this.logEntry('applied', item.delivery));
        }
        if (entries.length) await this.messageLog.append(em, entries);
      });
    } catch (err) {
      if (!pass.failed) throw this.notApplied(group, err);
    }
    if (!pass.failed) {
      for (const { delivery, envelope } of group) {
        this.attempts.delete(envelope.messageId);
        resolveOffset(delivery.message.offset);
      }
      return;
    }
    const { index, error } = pass.failed;
    await this.applyTogether(group.slice(0, index), resolveOffset);
    const failed = group[index];
    const verdict = this.judge(failed, error);
    if (verdict.retry) throw retriable(error); // the ones before it are committed; it and the rest come again
    this.attempts.delete(failed.envelope.messageId);
    await this.deadLetter(failed.delivery, verdict.reason);
    resolveOffset(failed.delivery.message.offset);
    await this.applyTogether(group.slice(index + 1), resolveOffset);
  }

  /**
   * A handler's failure: a refusal (RejectMessage) is dead-lettered at once; any other failure is counted and logged,
   * and dead-lettered once the message has failed maxAttempts times, or else retried.
   */
  private judge({ envelope }: Applicable, err: unknown): { retry: true } | { retry: false; reason: string } {
    if (err instanceof RejectMessage) return { retry: false, reason: err.reason };
    const attempt = (this.attempts.get(envelope.messageId) ?? 0) + 1;
    this.attempts.set(envelope.messageId, attempt);
    this.logger.warn({ event: 'message.failed', type: envelope.type, messageId: envelope.messageId, attempt, error: (err as Error).message });
    if (attempt >= (this.options.maxAttempts ?? 5)) return { retry: false, reason: `failed ${attempt} times: ${(err as Error).message}` };
    return { retry: true };
  }

  /**
   * The group's inbox rows in one statement: the messages claimed now, and not those the inbox already holds (a
   * redelivery) or that came twice in this group (a sender's resend after a crash: the first copy is the one applied).
   */
  private async claim(em: EntityManager, group: Applicable[]): Promise<Set<Applicable>> {
    const rows: { message_id: string; topic: string; partition: number; kafka_offset: string }[] = await em.query(
      `INSERT INTO inbox_message (message_id, message_type, topic, partition, kafka_offset, applied_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::timestamptz[])
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id, topic, partition, kafka_offset::text`,
      [
        group.map((g) => g.envelope.messageId),
        group.map((g) => g.envelope.type),
        group.map((g) => g.delivery.topic),
        group.map((g) => g.delivery.partition),
        group.map((g) => g.delivery.message.offset),
        group.map(() => this.clock.now()),
      ],
    );
    const placed = new Set(rows.map((r) => `${r.message_id.toLowerCase()}@${r.topic}/${r.partition}/${r.kafka_offset}`));
    return new Set(group.filter((g) => placed.has(`${g.envelope.messageId.toLowerCase()}@${placeOf(g.delivery)}`)));
  }

  /** A message's handler, in the consumer span that continues its sender's trace (null with tracing off). */
  private async runHandler(em: EntityManager, item: Applicable): Promise<void> {
    const { envelope, payload, delivery, handler } = item;
    const { topic, partition, message } = delivery;
    // What the handler writes to the outbox carries the trace further.
    const consumer = startConsumerSpan(
      {
        topic,
        partition,
        offset: message.offset,
        headers: message.headers,
        messageId: envelope.messageId,
        messageType: envelope.type,
        correlationId: envelope.correlationId,
      },
      this.options.identity,
    );
    let failure: unknown;
    try {
      const inbound: InboundMessage = { envelope, payload, em, topic, partition, offset: message.offset };
      await inConsumerSpan(consumer, async () => {
        const result = await handler(inbound, new KafkaInboxContext([delivery]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      if (consumer) endSpan(consumer.span, failure);
    }
  }

  /** A group's transaction failed and nothing of it committed: what to throw so that kafkajs delivers it again from its first message. */
  private notApplied(group: Applicable[], err: unknown): unknown {
    if (isOutage(err)) {
      const first = group[0].envelope;
      this.logger.warn({ event: 'message.waiting-for-database', type: first.type, messageId: first.messageId, error: (err as Error).message });
    }
    return retriable(err);
  }

  /** The message as received, for the log: the exact bytes, the signature headers, where it was read from. */
  private logEntry(direction: 'applied' | 'dead-lettered', { topic, partition, message }: EachMessagePayload): LogEntry {
    const { signature, keyId } = signatureFromHeaders(message.headers);
    return { direction, topic, partition, offset: message.offset, key: message.key, value: message.value, signature, keyId, time: this.clock.now() };
  }

  /**
   * Parks the message on `<topic>.dlq` (reason, for a refused message, first: `<check>: <detail>`), counts it, and
   * logs it as dead-lettered in a transaction of its own.
   */
  private async deadLetter(delivery: EachMessagePayload, fullReason: string, refused?: VerificationFailure): Promise<void> {
    const { topic, partition, message } = delivery;
    const reason = boundedReason(fullReason);
    this.logger.warn({ event: 'message.dead-lettered', topic, partition, offset: message.offset, reason });
    await this.deadLetters!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...copyHeaders(message),
            [DEAD_LETTER_HEADERS.reason]: reason,
            [DEAD_LETTER_HEADERS.topic]: topic,
            [DEAD_LETTER_HEADERS.partition]: String(partition),
            [DEAD_LETTER_HEADERS.offset]: message.offset,
            [DEAD_LETTER_HEADERS.service]: `${this.options.identity.service}-${this.options.identity.province}`,
            [DEAD_LETTER_HEADERS.at]: this.clock.now().toISOString(),
          },
        },
      ],
    });
    // Counted once it is parked: a failed send is retried and would otherwise count twice.
    this.options.onDeadLetter?.(topic, refused ?? reason);
    if (refused) this.options.onRejected?.(refused);
    const entry = this.logEntry('dead-lettered', delivery);
    this.owedLogEntries.set(placeOf(delivery), entry);
    await this.logDeadLetter(delivery, entry);
  }

  /**
   * The dead letter's log entry. With the database away it waits as an apply does (kafkajs delivers the message again
   * and only this is retried); any other failure is retried up to maxAttempts and then given up with an error line,
   * rather than holding the partition up for good: the message itself is safe on the dead-letter topic.
   */
  private async logDeadLetter(delivery: EachMessagePayload, entry: LogEntry): Promise<void> {
    const { topic, partition, message } = delivery;
    const place = placeOf(delivery);
    try {
      await this.dataSource.transaction((em) => this.messageLog.append(em, [entry]));
      this.owedLogEntries.delete(place);
      this.attempts.delete(place);
    } catch (err) {
      if (isOutage(err)) {
        this.logger.warn({ event: 'message-log.waiting-for-database', topic, partition, offset: message.offset, error: (err as Error).message });
        throw err;
      }
      const attempt = (this.attempts.get(place) ?? 0) + 1;
      this.attempts.set(place, attempt);
      if (attempt < (this.options.maxAttempts ?? 5)) throw retriable(err);
      this.owedLogEntries.delete(place);
      this.attempts.delete(place);
      this.logger.error({ event: 'message-log.append-failed', topic, partition, offset: message.offset, attempt, error: (err as Error).message });
    }
  }
}

/**
 * kafkajs takes a TypeError, RangeError, ReferenceError or SyntaxError (by name) for a bug of its own and stops the
 * consumer for good; a handler's programming error must instead be retried and, after maxAttempts, parked like any
 * other failure, so it goes back to kafkajs as a plain Error with the same message and the original as its cause.
 */
export function retriable(err: unknown): unknown {
  if (!(err instanceof Error) || !['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(err.name)) return err;
  return new Error(err.message, { cause: err });
}

/** A message that passed the checks, with its handler: to be applied. */
interface Applicable {
  delivery: EachMessagePayload;
  envelope: Extract<ReturnType<typeof decodeMessage>, { ok: true }>['envelope'];
  payload: unknown;
  handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>;
}

/** Where a message was read from: the same on every redelivery of it. */
function placeOf({ topic, partition, message }: EachMessagePayload): string {
  return `${topic}/${partition}/${message.offset}`;
}

function copyHeaders(message: KafkaMessage): Record<string, Buffer | string> {
  const out: Record<string, Buffer | string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined && !Array.isArray(v)) out[k] = v;
  return out;
}

/**
 * Failures that are not the message's fault: PostgreSQL unreachable, restarting or out of connections, and a
 * deadlock or serialization failure with another transaction (retrying the rolled-back transaction is the cure).
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '40P01',
  '40001',
]);

export function isOutage(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.code ?? e?.driverError?.code;
  if (code && OUTAGE_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|Connection refused|the database system is (starting up|shutting down)/i.test(e?.message ?? '');
}
