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

export const messagingMigrations = [CreateOutboxAndInbox1763800000000];
