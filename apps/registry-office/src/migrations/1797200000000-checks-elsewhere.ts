import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, the citizen's tracker nationwide: the checks of this registry's cards answered by the registries of other
 * provinces, as their CardVerified messages tell it (who, where, when, the answer; never what was presented). Kept
 * apart from verification_check, which records the answers this registry itself gave. Append-only; check_id makes a
 * message told twice one row.
 */
export class ChecksElsewhere1797200000000 implements MigrationInterface {
  name = 'ChecksElsewhere1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verification_check_elsewhere (
        check_id uuid PRIMARY KEY,
        card_serial text NOT NULL,
        checked_in text NOT NULL CHECK (checked_in ~ '^[0-9]{2}$'),
        client_subject text NOT NULL,
        client_name text NOT NULL,
        checked_at timestamptz NOT NULL,
        result text NOT NULL CHECK (result IN ('valid', 'invalid')),
        reason text NULL CHECK (reason IN ('lost', 'replaced', 'expired', 'unknown', 'mismatch')),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT verification_check_elsewhere_reason CHECK ((result = 'invalid') = (reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX verification_check_elsewhere_by_card ON verification_check_elsewhere (card_serial, checked_at)`);
    await q.query(`
      CREATE TRIGGER verification_check_elsewhere_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON verification_check_elsewhere
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_check_elsewhere`);
  }
}
