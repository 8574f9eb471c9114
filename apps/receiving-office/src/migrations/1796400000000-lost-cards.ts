import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lost cards (issue 12): loss reports taken at this office, cards handed in as found, temporary ID requests — each
 * sent to the citizen's home registry and answered on idcard.receiving.<R>.replies — and the flag of a lost-card
 * application whose loss the clerk recorded in the same step.
 */
export class LostCards1796400000000 implements MigrationInterface {
  name = 'LostCards1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE loss_report (
        report_id uuid PRIMARY KEY,
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        card_serial text NULL,
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        reported_by text NOT NULL,
        reported_by_name text NOT NULL,
        reported_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'accepted', 'refused')),
        refusal text NULL,
        answered_at timestamptz NULL,
        CONSTRAINT loss_report_refused_has_reason CHECK ((status = 'refused') = (refusal IS NOT NULL)),
        CONSTRAINT loss_report_answered_has_time CHECK ((status = 'pending') = (answered_at IS NULL))
      )`);
    await q.query(`CREATE INDEX loss_report_id_number ON loss_report (id_number)`);

    await q.query(`
      CREATE TABLE found_card (
        found_card_id uuid PRIMARY KEY,
        card_serial text NOT NULL CHECK (card_serial ~ '^[0-9A-Z]{10,20}$'),
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        found_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        recorded_by_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('routed', 'to_destroy', 'awaiting_collection', 'destroyed', 'collected')),
        instruction text NULL CHECK (instruction IN ('destroy', 'return')),
        reason text NULL,
        answered_at timestamptz NULL,
        keep_until timestamptz NULL,
        to_destroy_because text NULL CHECK (to_destroy_because IN ('registry', 'invalidated', 'uncollected')),
        invalidation_reason text NULL,
        destroyed_at timestamptz NULL,
        destroyed_by text NULL,
        destroyed_by_name text NULL,
        collected_at timestamptz NULL,
        collected_by text NULL,
        collected_by_name text NULL,
        CONSTRAINT found_card_answered CHECK ((status = 'routed') = (instruction IS NULL)),
        CONSTRAINT found_card_return_kept CHECK ((instruction = 'return') = (keep_until IS NOT NULL)),
        CONSTRAINT found_card_destroyed CHECK ((status = 'destroyed') = (destroyed_at IS NOT NULL)),
        CONSTRAINT found_card_collected CHECK ((status = 'collected') = (collected_at IS NOT NULL)),
        CONSTRAINT found_card_destroy_cause CHECK (status NOT IN ('to_destroy', 'destroyed') OR to_destroy_because IS NOT NULL)
      )`);
    // A card is in one office's hands at a time: handing the same card in twice is refused while the first is open.
    await q.query(`CREATE UNIQUE INDEX found_card_open_serial ON found_card (card_serial) WHERE status IN ('routed', 'to_destroy', 'awaiting_collection')`);
    await q.query(`CREATE INDEX found_card_office_status ON found_card (receiving_office_code, status)`);
    // The sweep reads only cards awaiting collection, by keep date.
    await q.query(`CREATE INDEX found_card_awaiting ON found_card (keep_until) WHERE status = 'awaiting_collection'`);

    await q.query(`
      CREATE TABLE temporary_card_request (
        request_id uuid PRIMARY KEY,
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        requested_by text NOT NULL,
        requested_by_name text NOT NULL,
        requested_at timestamptz NOT NULL,
        answer_by timestamptz NOT NULL CHECK (answer_by > requested_at),
        fee_yuan int NOT NULL CHECK (fee_yuan >= 0),
        status text NOT NULL CHECK (status IN ('pending', 'issued', 'refused', 'no_answer', 'voided')),
        refusal text NULL,
        temporary_serial text NULL,
        valid_until date NULL,
        answered_at timestamptz NULL,
        gave_up_at timestamptz NULL,
        voided_at timestamptz NULL,
        CONSTRAINT temporary_card_issued_has_serial CHECK (status NOT IN ('issued', 'voided') OR (temporary_serial IS NOT NULL AND valid_until IS NOT NULL)),
        CONSTRAINT temporary_card_refused_has_reason CHECK (status <> 'refused' OR refusal IS NOT NULL),
        CONSTRAINT temporary_card_voided_has_time CHECK ((status = 'voided') = (voided_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX temporary_card_request_id_number ON temporary_card_request (id_number)`);

    await q.query(`ALTER TABLE application ADD COLUMN loss_reported_at_counter boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE application ADD CONSTRAINT application_loss_at_counter_lost CHECK (NOT loss_reported_at_counter OR kind = 'lost')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP CONSTRAINT application_loss_at_counter_lost`);
    await q.query(`ALTER TABLE application DROP COLUMN loss_reported_at_counter`);
    await q.query(`DROP TABLE temporary_card_request`);
    await q.query(`DROP TABLE found_card`);
    await q.query(`DROP TABLE loss_report`);
  }
}
