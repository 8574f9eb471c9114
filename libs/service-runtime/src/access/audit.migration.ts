import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail of every service, append-only by a trigger (a supervisor's record must not be editable). */
export class CreateAuditTrail1796200000000 implements MigrationInterface {
  name = 'CreateAuditTrail1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        subject text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        province text NULL,
        office text NULL,
        action text NOT NULL,
        receipt_number text NULL,
        outcome int NOT NULL,
        error_code text NULL
      )`);
    await q.query(`CREATE INDEX audit_event_receipt ON audit_event (receipt_number, at)`);
    await q.query(`CREATE INDEX audit_event_subject ON audit_event (subject, at)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
  }
}
