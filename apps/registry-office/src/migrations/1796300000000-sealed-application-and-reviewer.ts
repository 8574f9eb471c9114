import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: the application as received (photo and fingerprint templates inside) is sealed at rest, so its column
 * becomes text — rows from before stay readable as plain JSON text until they are rewritten; nothing queries inside
 * it with SQL (the ledger and the review queue use plain columns only). A manual decision records the reviewer
 * from the token: subject and name (an automatic one has neither, and keeps reviewed_by = 'automatic').
 */
export class SealedApplicationAndReviewer1796300000000 implements MigrationInterface {
  name = 'SealedApplicationAndReviewer1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_application ALTER COLUMN application TYPE text USING application::text`);
    await q.query(`ALTER TABLE registry_application ADD COLUMN reviewer_subject text NULL, ADD COLUMN reviewer_name text NULL`);
    await q.query(`
      ALTER TABLE registry_application ADD CONSTRAINT registry_application_reviewer_recorded
        CHECK ((reviewer_subject IS NULL) = (reviewer_name IS NULL) AND (reviewer_subject IS NULL OR decided_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_application DROP CONSTRAINT registry_application_reviewer_recorded`);
    await q.query(`ALTER TABLE registry_application DROP COLUMN reviewer_subject, DROP COLUMN reviewer_name`);
    // Only rows not yet sealed (plain JSON text) can go back to jsonb; sealed ones would need the key.
    await q.query(`ALTER TABLE registry_application ALTER COLUMN application TYPE jsonb USING application::jsonb`);
  }
}
