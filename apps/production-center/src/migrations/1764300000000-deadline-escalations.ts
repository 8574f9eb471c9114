import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline escalations from the receiving offices: a warned or breached order goes to the front of the queue
 * (and ships at once); one for an order not received yet is kept until it arrives.
 */
export class DeadlineEscalations1764300000000 implements MigrationInterface {
  name = 'DeadlineEscalations1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_order ADD COLUMN escalation smallint NOT NULL DEFAULT 0 CHECK (escalation IN (0, 1, 2))`);
    // The production line's claim, in QUEUE_ORDER (src/domain/production-queue.ts), now led by the escalation.
    await q.query(`DROP INDEX production_order_queue`);
    await q.query(`CREATE INDEX production_order_queue ON production_order (escalation DESC, expedited DESC, due_at, arrival) WHERE state = 'queued'`);
    await q.query(`
      CREATE TABLE deadline_escalation (
        receipt_number text PRIMARY KEY,
        escalation smallint NOT NULL CHECK (escalation IN (1, 2)),
        message_type text NOT NULL CHECK (message_type IN ('DeadlineWarning', 'DeadlineBreached')),
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        applied_at timestamptz NULL,
        applied_as text NULL CHECK (applied_as IN ('expedited', 'passed_on', 'shipped_at_once', 'already_shipped')),
        CONSTRAINT deadline_escalation_kind CHECK ((escalation = 2) = (message_type = 'DeadlineBreached')),
        CONSTRAINT deadline_escalation_applied CHECK ((applied_at IS NULL) = (applied_as IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline_escalation`);
    await q.query(`DROP INDEX production_order_queue`);
    await q.query(`CREATE INDEX production_order_queue ON production_order (expedited DESC, due_at, arrival) WHERE state = 'queued'`);
    await q.query(`ALTER TABLE production_order DROP COLUMN escalation`);
  }
}
