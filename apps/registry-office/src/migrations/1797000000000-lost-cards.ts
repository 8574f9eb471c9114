import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, lost cards: the register's phone numbers; losses, found cards and temporary cards; cards announced to
 * every province (card.announced_at, NULL until CardIssued is in the outbox: existing cards are announced on first
 * start); the verification table fed by the national broadcasts and the checks made against it; the citizen
 * channel's one-time codes; and the registry's own SMS outbox.
 */
export class LostCards1797000000000 implements MigrationInterface {
  name = 'LostCards1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen ADD COLUMN phone_number text NULL CHECK (phone_number ~ '^1[3-9][0-9]{9}$')`);

    await q.query(`ALTER TABLE card DROP CONSTRAINT card_invalidation_reason_check`);
    await q.query(`ALTER TABLE card ADD CONSTRAINT card_invalidation_reason_check CHECK (invalidation_reason IN ('replaced', 'lost', 'expired'))`);
    await q.query(`ALTER TABLE card ADD COLUMN announced_at timestamptz NULL`);
    await q.query(`CREATE INDEX card_unannounced ON card (card_serial) WHERE announced_at IS NULL`);
    await q.query(`CREATE INDEX card_valid_by_expiry ON card (expires_on) WHERE status = 'valid' AND expires_on IS NOT NULL`);

    // Who reported a loss, where and how: a counter's clerk (Kafka), the citizen online, or a clerk with a lost application.
    await q.query(`
      CREATE TABLE loss_report (
        report_id uuid PRIMARY KEY,
        id_number text NOT NULL,
        card_serial text NULL,
        channel text NOT NULL CHECK (channel IN ('counter', 'online', 'application')),
        reported_by text NOT NULL,
        receiving_office_code text NULL,
        reported_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('accepted', 'refused')),
        refusal text NULL CHECK (refusal IN ('not-in-register', 'not-current-card', 'already-lost')),
        CONSTRAINT loss_report_refusal_recorded CHECK ((outcome = 'refused') = (refusal IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX loss_report_by_citizen ON loss_report (id_number, recorded_at)`);

    await q.query(`
      CREATE TABLE found_card (
        found_card_id uuid PRIMARY KEY,
        card_serial text NOT NULL,
        receiving_office_code text NOT NULL,
        found_at timestamptz NOT NULL,
        instruction text NOT NULL CHECK (instruction IN ('destroy', 'return')),
        reason text NULL,
        answered_at timestamptz NOT NULL
      )`);

    await q.query(`CREATE SEQUENCE temporary_card_seq`);
    await q.query(`
      CREATE TABLE temporary_card (
        temporary_serial text PRIMARY KEY CHECK (temporary_serial ~ '^T[0-9]{2}[0-9]{15}$'),
        request_id uuid NOT NULL UNIQUE,
        id_number text NOT NULL REFERENCES citizen (id_number),
        receiving_office_code text NOT NULL,
        issue_date date NOT NULL,
        valid_until date NOT NULL CHECK (valid_until > issue_date),
        issued_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('valid', 'invalidated')),
        invalidated_at timestamptz NULL,
        invalidation_reason text NULL CHECK (invalidation_reason IN ('expired', 'voided')),
        CONSTRAINT temporary_card_invalidation_recorded CHECK ((status = 'valid') = (invalidated_at IS NULL AND invalidation_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX temporary_card_by_citizen ON temporary_card (id_number)`);
    await q.query(`CREATE INDEX temporary_card_valid_by_expiry ON temporary_card (valid_until) WHERE status = 'valid'`);
    // A refusal is recorded too, so a redelivered or repeated request gets the same answer.
    await q.query(`
      CREATE TABLE temporary_card_request (
        request_id uuid PRIMARY KEY,
        receiving_office_code text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('issued', 'refused')),
        refusal text NULL,
        temporary_serial text NULL,
        answered_at timestamptz NOT NULL
      )`);

    // Every card of every province, as the national broadcasts tell it: no name, no ID number, only their digest.
    await q.query(`
      CREATE TABLE verification_card (
        card_serial text PRIMARY KEY,
        holder_digest text NULL CHECK (holder_digest ~ '^[0-9a-f]{64}$'),
        home_province text NULL,
        kind text NULL CHECK (kind IN ('resident', 'temporary')),
        valid_until date NULL,
        issued_at timestamptz NULL,
        invalid_reason text NULL CHECK (invalid_reason IN ('replaced', 'lost', 'expired', 'voided')),
        invalidated_at timestamptz NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Each check: which client, which card, when, the answer; never what was presented. Append-only, like the audit trail.
    await q.query(`
      CREATE TABLE verification_check (
        id bigserial PRIMARY KEY,
        checked_at timestamptz NOT NULL,
        client_subject text NOT NULL,
        client_name text NOT NULL,
        card_serial text NOT NULL,
        result text NOT NULL CHECK (result IN ('valid', 'invalid')),
        reason text NULL CHECK (reason IN ('lost', 'replaced', 'expired', 'unknown', 'mismatch')),
        CONSTRAINT verification_check_reason CHECK ((result = 'invalid') = (reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX verification_check_by_card ON verification_check (card_serial, checked_at)`);
    await q.query(`
      CREATE TRIGGER verification_check_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON verification_check
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);

    // The citizen channel's one-time codes: only a hash of the code is kept.
    await q.query(`
      CREATE TABLE citizen_one_time_code (
        code_id uuid PRIMARY KEY,
        id_number text NOT NULL REFERENCES citizen (id_number),
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        used_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX citizen_one_time_code_by_citizen ON citizen_one_time_code (id_number, created_at)`);

    // SMS to citizens, written with the change they announce and delivered by the SMS relay; the text is sealed at rest.
    await q.query(`
      CREATE TABLE sms_notification (
        id bigserial PRIMARY KEY,
        phone_number text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('one_time_code', 'found_card')),
        reference text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz NULL,
        sent_via text NULL,
        CONSTRAINT sms_notification_once UNIQUE (purpose, reference),
        CONSTRAINT sms_notification_sent_via CHECK ((sent_at IS NULL) = (sent_via IS NULL))
      )`);
    await q.query(`CREATE INDEX sms_notification_unsent ON sms_notification (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_notification`);
    await q.query(`DROP TABLE citizen_one_time_code`);
    await q.query(`DROP TABLE verification_check`);
    await q.query(`DROP TABLE verification_card`);
    await q.query(`DROP TABLE temporary_card_request`);
    await q.query(`DROP TABLE temporary_card`);
    await q.query(`DROP SEQUENCE temporary_card_seq`);
    await q.query(`DROP TABLE found_card`);
    await q.query(`DROP TABLE loss_report`);
    await q.query(`DROP INDEX card_valid_by_expiry`);
    await q.query(`DROP INDEX card_unannounced`);
    await q.query(`ALTER TABLE card DROP COLUMN announced_at`);
    await q.query(`ALTER TABLE card DROP CONSTRAINT card_invalidation_reason_check`);
    await q.query(`ALTER TABLE card ADD CONSTRAINT card_invalidation_reason_check CHECK (invalidation_reason IN ('replaced', 'lost'))`);
    await q.query(`ALTER TABLE citizen DROP COLUMN phone_number`);
  }
}
