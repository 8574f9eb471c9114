import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: an order keeps the W3C trace context it arrived in, so the card the line makes later (on its timer) is
 * announced in the application's trace. Null with tracing off.
 */
export class OrderTraceContext1797216000001 implements MigrationInterface {
  name = 'OrderTraceContext1797216000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_order ADD COLUMN trace_parent text NULL, ADD COLUMN trace_state text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_order DROP COLUMN trace_state, DROP COLUMN trace_parent`);
  }
}
