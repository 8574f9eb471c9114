import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProduction1764100000000 implements MigrationInterface {
  name = 'CreateProduction1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE production_order (
        receipt_number text PRIMARY KEY,
        arrival bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        state text NOT NULL CHECK (state IN ('queued', 'produced', 'forwarded')),
        kind text NOT NULL,
        id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        name text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('male', 'female')),
        birth_date date NOT NULL,
        ethnic_group text NOT NULL CHECK (ethnic_group ~ '^[0-9]{2}$'),
        photo_jpeg bytea NULL,
        photo_sha256 text NOT NULL,
        card_script text NULL,
        expedited boolean NOT NULL,
        due_at timestamptz NOT NULL,
        ordered_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        home_province text NOT NULL CHECK (home_province ~ '^[0-9]{2}$'),
        receiving_province text NOT NULL CHECK (receiving_province ~ '^[0-9]{2}$'),
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        forwarded_from text NULL,
        forwarded_to text NULL,
        card_serial text NULL UNIQUE CHECK (card_serial ~ '^[0-9A-Z]{10,20}$'),
        issue_date date NULL,
        expires_on date NULL,
        produced_at timestamptz NULL,
        shipment_id text NULL,
        CONSTRAINT production_order_card UNIQUE (receipt_number, card_serial),
        CONSTRAINT production_order_office_in_province CHECK (left(receiving_office_code, 2) = receiving_province),
        CONSTRAINT production_order_queued CHECK (state <> 'queued' OR (photo_jpeg IS NOT NULL AND card_serial IS NULL)),
        CONSTRAINT production_order_produced CHECK (
          state <> 'produced' OR (card_serial IS NOT NULL AND issue_date IS NOT NULL AND produced_at IS NOT NULL AND shipment_id IS NOT NULL)),
        CONSTRAINT production_order_forwarded CHECK (
          state <> 'forwarded' OR (forwarded_to IS NOT NULL AND forwarded_from IS NULL AND card_serial IS NULL AND photo_jpeg IS NULL))
      )`);
    // The production line's claim: queued orders in QUEUE_ORDER (src/domain/production-queue.ts).
    await q.query(`CREATE INDEX production_order_queue ON production_order (expedited DESC, due_at, arrival) WHERE state = 'queued'`);

    await q.query(`
      CREATE TABLE shipment (
        shipment_id text PRIMARY KEY,
        receiving_office_code text NOT NULL CHECK (receiving_office_code ~ '^[0-9]{8}$'),
        receiving_province text NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'dispatched')),
        expedited boolean NOT NULL,
        card_count int NOT NULL CHECK (card_count >= 0),
        opened_at timestamptz NOT NULL,
        dispatched_at timestamptz NULL,
        CONSTRAINT shipment_office_in_province CHECK (left(receiving_office_code, 2) = receiving_province),
        CONSTRAINT shipment_dispatched_at CHECK ((state = 'dispatched') = (dispatched_at IS NOT NULL)),
        -- An expedited card ships alone and at once: its shipment is never open.
        CONSTRAINT shipment_expedited_alone CHECK (NOT expedited OR (state = 'dispatched' AND card_count <= 1))
      )`);
    // Sorting by receiving office (按受理地分拣): at most one open shipment per office takes its cards.
    await q.query(`CREATE UNIQUE INDEX shipment_one_open_per_office ON shipment (receiving_office_code) WHERE state = 'open'`);
    // The dispatcher looks for open shipments past their cut-off.
    await q.query(`CREATE INDEX shipment_open_since ON shipment (opened_at) WHERE state = 'open'`);
    await q.query(`CREATE INDEX shipment_by_office ON shipment (receiving_office_code, opened_at)`);
    await q.query(`ALTER TABLE production_order ADD CONSTRAINT production_order_shipment FOREIGN KEY (shipment_id) REFERENCES shipment (shipment_id)`);

    await q.query(`
      CREATE TABLE shipment_card (
        shipment_id text NOT NULL REFERENCES shipment (shipment_id),
        position int NOT NULL CHECK (position >= 1),
        receipt_number text NOT NULL UNIQUE,
        card_serial text NOT NULL UNIQUE,
        -- Deferrable so that closing a shipment can renumber its cards into manifest order in one statement.
        CONSTRAINT shipment_card_pkey PRIMARY KEY (shipment_id, position) DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT shipment_card_card FOREIGN KEY (receipt_number, card_serial) REFERENCES production_order (receipt_number, card_serial)
      )`);

    await q.query(`CREATE SEQUENCE card_serial_seq`);
    await q.query(`CREATE SEQUENCE shipment_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE shipment_seq`);
    await q.query(`DROP SEQUENCE card_serial_seq`);
    await q.query(`DROP TABLE shipment_card`);
    await q.query(`ALTER TABLE production_order DROP CONSTRAINT production_order_shipment`);
    await q.query(`DROP TABLE shipment`);
    await q.query(`DROP TABLE production_order`);
  }
}
