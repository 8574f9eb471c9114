import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: an application keeps the W3C trace context of its submission, so its later steps (shipped, arrived,
 * handed over: another message, another request) are recorded in its trace. Null with tracing off.
 */
export class ApplicationTraceContext1797216000002 implements MigrationInterface {
  name = 'ApplicationTraceContext1797216000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD COLUMN trace_parent text NULL, ADD COLUMN trace_state text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP COLUMN trace_state, DROP COLUMN trace_parent`);
  }
}
