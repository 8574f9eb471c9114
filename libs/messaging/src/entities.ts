import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A message a service has decided to send, written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'message_type', type: 'text' })
  messageType: string;

  /** The encoded envelope, exactly as it goes on the wire. */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Ed25519 signature (base64) over (topic, message_key, body), sent as x-signature; null on rows from before signing. */
  @Column({ type: 'text', nullable: true })
  signature: string | null;

  /** The trust list's id of the key that signed, sent as x-key-id. */
  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId: string | null;

  /** W3C traceparent of the span the row was written in, sent as the record's traceparent header; null with tracing off. */
  @Column({ name: 'trace_parent', type: 'text', nullable: true })
  traceParent: string | null;

  /** W3C tracestate beside it, if the trace carried one. */
  @Column({ name: 'trace_state', type: 'text', nullable: true })
  traceState: string | null;
}

/** A message this service has applied: recorded with its effect, so a redelivery changes nothing. */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'message_type', type: 'text' })
  messageType: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'int' })
  partition: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset: string;

  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;
}

/** One row of the tamper-evident message log (layout and hashing: message-log.ts). Written only by MessageLog.append. */
@Entity({ name: 'message_log' })
export class MessageLogRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  direction: 'sent' | 'applied' | 'dead-lettered';

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'int', nullable: true })
  partition: number | null;

  @Column({ name: 'kafka_offset', type: 'bigint', nullable: true })
  kafkaOffset: string | null;

  @Column({ name: 'message_key', type: 'text', nullable: true })
  messageKey: string | null;

  @Column({ type: 'bytea', nullable: true })
  value: Buffer | null;

  @Column({ type: 'text', nullable: true })
  signature: string | null;

  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId: string | null;

  @Column({ name: 'logged_at', type: 'timestamptz' })
  loggedAt: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  hash: string;
}

/** The one row (id 1) holding the message log's last hash and row count; every append locks it. */
@Entity({ name: 'message_log_head' })
export class MessageLogHead {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'bigint' })
  count: string;
}

export const messagingEntities = [OutboxMessage, InboxMessage, MessageLogRecord, MessageLogHead];
