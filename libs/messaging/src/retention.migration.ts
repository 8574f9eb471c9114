import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention (issue 14): the prune finds old sent outbox rows and old inbox rows through an index, not a scan. */
export class MessagingRetentionIndexes1796414000001 implements MigrationInterface {
  name = 'MessagingRetentionIndexes1796414000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_message_sent_at ON outbox_message (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX inbox_message_applied_at ON inbox_message (applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_message_applied_at`);
    await q.query(`DROP INDEX outbox_message_sent_at`);
  }
}
