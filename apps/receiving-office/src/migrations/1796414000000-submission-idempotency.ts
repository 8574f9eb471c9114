import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent submissions (issue 14): a counter device's request id (the Idempotency-Key header) with the SHA-256 of
 * the form it came with and the receipt it was answered with, written in the transaction that opens the application.
 * The primary key makes concurrent duplicates wait on the first one's insert and then see its row; the row is written
 * first in that transaction (the application after it, so the reference is checked at commit).
 */
export class SubmissionIdempotency1796414000000 implements MigrationInterface {
  name = 'SubmissionIdempotency1796414000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE submission_idempotency (
        office text NOT NULL CHECK (office ~ '^[0-9]{8}$'),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        body_sha256 char(64) NOT NULL,
        receipt_number text NOT NULL REFERENCES application (receipt_number) DEFERRABLE INITIALLY DEFERRED,
        receipt jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (office, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE submission_idempotency`);
  }
}
