import { MigrationInterface, QueryRunner } from 'typeorm';

/** The population register (citizens and their cards) and the applications the registry reviews. */
export class CreatePopulationRegister1764100000000 implements MigrationInterface {
  name = 'CreatePopulationRegister1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen (
        id_number text PRIMARY KEY CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 30),
        sex text NOT NULL CHECK (sex IN ('male', 'female')),
        birth_date date NOT NULL,
        ethnic_group text NOT NULL CHECK (ethnic_group ~ '^[0-9]{2}$'),
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        address text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE card (
        card_serial text PRIMARY KEY CHECK (card_serial ~ '^[0-9A-Z]{10,20}$'),
        id_number text NOT NULL REFERENCES citizen (id_number),
        issue_date date NOT NULL,
        expires_on date NULL CHECK (expires_on > issue_date),
        status text NOT NULL CHECK (status IN ('valid', 'invalidated')),
        invalidated_at timestamptz NULL,
        invalidation_reason text NULL CHECK (invalidation_reason IN ('replaced', 'lost')),
        produced_for_receipt text NULL,
        CONSTRAINT card_invalidation_recorded CHECK ((status = 'valid') = (invalidated_at IS NULL AND invalidation_reason IS NULL))
      )`);
    // The rule that makes a second card impossible (重复办证): one valid card per citizen, whoever inserts it.
    await q.query(`CREATE UNIQUE INDEX card_one_valid_per_citizen ON card (id_number) WHERE status = 'valid'`);
    await q.query(`CREATE INDEX card_by_citizen ON card (id_number)`);
    await q.query(`
      CREATE TABLE registry_application (
        receipt_number text PRIMARY KEY,
        id_number text NOT NULL,
        state text NOT NULL CHECK (state IN ('under_review', 'manual_review', 'signed_off', 'rejected', 'issued')),
        kind text NOT NULL CHECK (kind IN ('first', 'renewal', 'lost', 'damaged')),
        receiving_province text NOT NULL,
        receiving_office_code text NOT NULL,
        expedited boolean NOT NULL,
        accepted_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        decided_at timestamptz NULL,
        reviewed_by text NULL,
        rejection_reason text NULL,
        rejection_detail text NULL,
        in_flight_receipt_number text NULL,
        review_doubts jsonb NULL,
        issued_at timestamptz NULL,
        card_serial text NULL,
        deadline_warned_at timestamptz NULL,
        deadline_breached_at timestamptz NULL,
        receiving_status text NULL,
        application jsonb NOT NULL,
        CONSTRAINT registry_application_rejection_recorded CHECK (
          (state = 'rejected') = (rejection_reason IS NOT NULL AND rejection_detail IS NOT NULL)),
        CONSTRAINT registry_application_decision_recorded CHECK (
          state IN ('under_review', 'manual_review') OR (decided_at IS NOT NULL AND reviewed_by IS NOT NULL)),
        CONSTRAINT registry_application_doubts_recorded CHECK (state <> 'manual_review' OR review_doubts IS NOT NULL),
        CONSTRAINT registry_application_issue_recorded CHECK ((state = 'issued') = (issued_at IS NOT NULL AND card_serial IS NOT NULL))
      )`);
    // No second application in flight for a citizen, from any channel: local and remote ones all arrive here.
    await q.query(`
      CREATE UNIQUE INDEX registry_application_one_in_flight ON registry_application (id_number)
        WHERE state IN ('under_review', 'manual_review', 'signed_off')`);
    await q.query(`CREATE INDEX registry_application_review_queue ON registry_application (received_at, receipt_number) WHERE state = 'manual_review'`);
    await q.query(`CREATE INDEX registry_application_by_citizen ON registry_application (id_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_application`);
    await q.query(`DROP TABLE card`);
    await q.query(`DROP TABLE citizen`);
  }
}
