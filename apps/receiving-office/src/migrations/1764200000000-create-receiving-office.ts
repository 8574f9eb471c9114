import { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications with their timelines, shipments with their manifests, and the SMS outbox of one receiving office. */
export class CreateReceivingOffice1764200000000 implements MigrationInterface {
  name = 'CreateReceivingOffice1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Receipt numbers never repeat in a province, whatever the day: one sequence, not one per day.
    await q.query(`CREATE SEQUENCE application_receipt_seq AS bigint START 1`);
    await q.query(`
      CREATE TABLE application (
        receipt_number text PRIMARY KEY CHECK (receipt_number ~ '^R[0-9]{2}-[0-9A-Z-]{6,40}$'),
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
        kind text NOT NULL CHECK (kind IN ('first', 'renewal', 'lost', 'damaged')),
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        status text NOT NULL CHECK (status IN ('submitted', 'signed_off', 'in_production', 'shipped', 'arrived', 'handed_over', 'rejected')),
        expedited boolean NOT NULL,
        delivery_method text NOT NULL CHECK (delivery_method IN ('counter', 'kiosk', 'post')),
        postal_address text NULL,
        accepted_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL CHECK (due_at > accepted_at),
        card_serial text NULL,
        shipment_id text NULL,
        arrived_at timestamptz NULL,
        handed_over_at timestamptz NULL,
        rejection_reason text NULL,
        rejection_detail text NULL,
        rejection_in_flight_receipt_number text NULL,
        CONSTRAINT application_post_needs_address CHECK (delivery_method <> 'post' OR postal_address IS NOT NULL),
        CONSTRAINT application_receipt_of_office_province CHECK (substr(receipt_number, 2, 2) = substr(receiving_office_code, 1, 2)),
        CONSTRAINT application_rejected_has_reason CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
        CONSTRAINT application_shipped_has_card CHECK (status NOT IN ('shipped', 'arrived', 'handed_over') OR (card_serial IS NOT NULL AND shipment_id IS NOT NULL)),
        CONSTRAINT application_arrived_has_time CHECK (status NOT IN ('arrived', 'handed_over') OR arrived_at IS NOT NULL),
        CONSTRAINT application_handed_over_has_time CHECK ((status = 'handed_over') = (handed_over_at IS NOT NULL))
      )`);
    // The deadline scheduler walks open applications by due date.
    await q.query(`CREATE INDEX application_due_at ON application (due_at) WHERE status NOT IN ('handed_over', 'rejected')`);
    await q.query(`CREATE INDEX application_id_number ON application (id_number)`);
    // A card serial belongs to one application.
    await q.query(`CREATE UNIQUE INDEX application_card_serial ON application (card_serial) WHERE card_serial IS NOT NULL`);

    await q.query(`
      CREATE TABLE application_step (
        id bigserial PRIMARY KEY,
        receipt_number text NOT NULL REFERENCES application (receipt_number),
        step text NOT NULL CHECK (step IN ('submitted', 'signed_off', 'in_production', 'shipped', 'arrived', 'handed_over', 'rejected')),
        at timestamptz NOT NULL,
        detail text NULL
      )`);
    // The machine has no loops, so each status is reached once: a redelivered message cannot add a second step.
    await q.query(`CREATE UNIQUE INDEX application_step_once ON application_step (receipt_number, step)`);

    await q.query(`
      CREATE TABLE shipment (
        shipment_id text PRIMARY KEY,
        produced_by text NOT NULL CHECK (produced_by ~ '^[0-9]{2}$'),
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        expedited boolean NOT NULL,
        dispatched_at timestamptz NOT NULL,
        card_count int NOT NULL CHECK (card_count > 0)
      )`);
    await q.query(`
      CREATE TABLE shipment_card (
        shipment_id text NOT NULL REFERENCES shipment (shipment_id),
        position int NOT NULL CHECK (position >= 1),
        receipt_number text NOT NULL,
        card_serial text NOT NULL,
        arrived_at timestamptz NULL,
        PRIMARY KEY (shipment_id, position),
        CONSTRAINT shipment_card_once UNIQUE (shipment_id, card_serial)
      )`);
    // No foreign key to application: a line for a receipt this office does not know is kept for the clerk to see.
    await q.query(`CREATE INDEX shipment_card_receipt ON shipment_card (receipt_number)`);

    await q.query(`
      CREATE TABLE sms_notification (
        id bigserial PRIMARY KEY,
        receipt_number text NOT NULL REFERENCES application (receipt_number),
        purpose text NOT NULL CHECK (purpose IN ('card_arrived')),
        text text NOT NULL CHECK (text !~ '[0-9]{17}[0-9Xx]'),
        created_at timestamptz NOT NULL,
        sent_at timestamptz NULL,
        sent_via text NULL,
        CONSTRAINT sms_notification_once UNIQUE (receipt_number, purpose),
        CONSTRAINT sms_notification_sent_via CHECK ((sent_at IS NULL) = (sent_via IS NULL))
      )`);
    // The SMS relay only looks for what is unsent.
    await q.query(`CREATE INDEX sms_notification_unsent ON sms_notification (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_notification`);
    await q.query(`DROP TABLE shipment_card`);
    await q.query(`DROP TABLE shipment`);
    await q.query(`DROP TABLE application_step`);
    await q.query(`DROP TABLE application`);
    await q.query(`DROP SEQUENCE application_receipt_seq`);
  }
}
