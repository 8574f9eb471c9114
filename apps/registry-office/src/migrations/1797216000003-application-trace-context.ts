import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: an application keeps the W3C trace context it arrived in, so an officer's decision on it later (manual
 * review, a request of its own) sends the decision and the production order in the application's trace. Null with
 * tracing off.
 */
export class RegistryApplicationTraceContext1797216000003 implements MigrationInterface {
  name = 'RegistryApplicationTraceContext1797216000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_application ADD COLUMN trace_parent text NULL, ADD COLUMN trace_state text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_application DROP COLUMN trace_state, DROP COLUMN trace_parent`);
  }
}
