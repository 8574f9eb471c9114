import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxAndInbox1763800000000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        message_type text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz NULL
      )`);
    // The relay only ever looks for what is unsent: keep that index small.
    await q.query(`CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox_message (
        message_id uuid PRIMARY KEY,
        message_type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_message`);
    await q.query(`DROP TABLE outbox_message`);
  }
}

/**
 * The outbox keeps the signature of exactly what it will send (issue 10): the relay sends the stored bytes with the
 * stored signature, so a resend after a crash is byte-identical. Nullable: rows written before this migration have
 * none and are signed by the relay as it sends them.
 */
export class SignOutboxMessages1796100000000 implements MigrationInterface {
  name = 'SignOutboxMessages1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN signature text NULL, ADD COLUMN key_id text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message DROP COLUMN key_id, DROP COLUMN signature`);
  }
}

/**
 * The tamper-evident message log (issue 10, point 5): a hash chain of every message sent, applied or dead-lettered,
 * and its one-row head (the last hash and the row count), which every append locks. Layout: message-log.ts.
 */
export class CreateMessageLog1796100000001 implements MigrationInterface {
  name = 'CreateMessageLog1796100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_log (
        id bigserial PRIMARY KEY,
        direction text NOT NULL CHECK (direction IN ('sent', 'applied', 'dead-lettered')),
        topic text NOT NULL,
        partition int NULL,
        kafka_offset bigint NULL,
        message_key text NULL,
        value bytea NULL,
        signature text NULL,
        key_id text NULL,
        logged_at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE TABLE message_log_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        hash char(64) NOT NULL,
        count bigint NOT NULL
      )`);
    // GENESIS_HASH of libs/trust, written out: what a shipped migration does never changes with the code around it.
    await q.query(`INSERT INTO message_log_head (id, hash, count) VALUES (1, repeat('0', 64), 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_log_head`);
    await q.query(`DROP TABLE message_log`);
  }
}

/**
 * The outbox keeps the W3C trace context of the transaction that wrote each row (issue 16), so the relay publishes the
 * message in the trace of the request or message that caused it. Null when tracing is off or no span was active.
 */
export class OutboxTraceContext1797216000000 implements MigrationInterface {
  name = 'OutboxTraceContext1797216000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN trace_parent text NULL, ADD COLUMN trace_state text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message DROP COLUMN trace_state, DROP COLUMN trace_parent`);
  }
}

export const messagingMigrations = [
  CreateOutboxAndInbox1763800000000,
  SignOutboxMessages1796100000000,
  CreateMessageLog1796100000001,
  OutboxTraceContext1797216000000,
];
