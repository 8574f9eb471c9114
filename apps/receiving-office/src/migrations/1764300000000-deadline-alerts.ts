import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 60-day limit watched from the database: one row per warning and breach of each application, fired once by
 * the deadline scheduler (FOR UPDATE SKIP LOCKED), cancelled when the application is completed.
 */
export class DeadlineAlerts1764300000000 implements MigrationInterface {
  name = 'DeadlineAlerts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_alert (
        receipt_number text NOT NULL REFERENCES application (receipt_number),
        kind text NOT NULL CHECK (kind ~ '^(warning_[0-9]{1,2}d|breach)$'),
        fire_at timestamptz NOT NULL,
        fired_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        cancelled_because text NULL CHECK (cancelled_because IN ('completed', 'superseded')),
        CONSTRAINT deadline_alert_once UNIQUE (receipt_number, kind),
        CONSTRAINT deadline_alert_fired_or_cancelled CHECK (fired_at IS NULL OR cancelled_at IS NULL),
        CONSTRAINT deadline_alert_cancel_reason CHECK ((cancelled_at IS NULL) = (cancelled_because IS NULL))
      )`);
    // The scheduler's claim reads only what is pending, oldest first: the index holds pending alerts only.
    await q.query(`CREATE INDEX deadline_alert_pending ON deadline_alert (fire_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`);

    // How far the escalation of an application went, for the province's report.
    await q.query(`ALTER TABLE application ADD COLUMN deadline_state text NULL CHECK (deadline_state IN ('warned', 'breached'))`);
    await q.query(
      `CREATE INDEX application_escalated ON application (home_province, status) WHERE deadline_state IS NOT NULL AND status NOT IN ('handed_over', 'rejected')`,
    );

    // Timeline steps for what the scheduler fired; each once per application like every other step.
    await q.query(`ALTER TABLE application_step DROP CONSTRAINT application_step_step_check`);
    await q.query(`
      ALTER TABLE application_step ADD CONSTRAINT application_step_step_check CHECK (
        step IN ('submitted', 'signed_off', 'in_production', 'shipped', 'arrived', 'handed_over', 'rejected')
        OR step ~ '^deadline_(warning_[0-9]{1,2}d|breached)$')`);

    // Applications already open when this runs are watched too, with the default warning points (15 and 5 days left).
    await q.query(`
      INSERT INTO deadline_alert (receipt_number, kind, fire_at)
      SELECT a.receipt_number, p.kind, a.due_at - make_interval(hours => 24 * (p.days_left + 1))
        FROM application a CROSS JOIN (VALUES ('warning_15d', 15), ('warning_5d', 5)) AS p (kind, days_left)
       WHERE a.status NOT IN ('handed_over', 'rejected') AND a.due_at - make_interval(hours => 24 * (p.days_left + 1)) > a.accepted_at
      UNION ALL
      SELECT a.receipt_number, 'breach', a.due_at FROM application a WHERE a.status NOT IN ('handed_over', 'rejected')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM application_step WHERE step LIKE 'deadline_%'`);
    await q.query(`ALTER TABLE application_step DROP CONSTRAINT application_step_step_check`);
    await q.query(`
      ALTER TABLE application_step ADD CONSTRAINT application_step_step_check
        CHECK (step IN ('submitted', 'signed_off', 'in_production', 'shipped', 'arrived', 'handed_over', 'rejected'))`);
    await q.query(`DROP INDEX application_escalated`);
    await q.query(`ALTER TABLE application DROP COLUMN deadline_state`);
    await q.query(`DROP TABLE deadline_alert`);
  }
}
