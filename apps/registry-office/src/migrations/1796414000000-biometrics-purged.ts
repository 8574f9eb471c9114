import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 14): when the photo and fingerprint templates of a finished application (issued or rejected)
 * were purged from its stored form, after BIOMETRICS_RETENTION_DAYS. The row, its state and times stay.
 */
export class BiometricsPurged1796414000000 implements MigrationInterface {
  name = 'BiometricsPurged1796414000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_application ADD COLUMN biometrics_purged_at timestamptz NULL`);
    await q.query(`
      CREATE INDEX registry_application_biometrics_held ON registry_application (state, coalesce(issued_at, decided_at))
        WHERE biometrics_purged_at IS NULL AND state IN ('issued', 'rejected')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry_application_biometrics_held`);
    await q.query(`ALTER TABLE registry_application DROP COLUMN biometrics_purged_at`);
  }
}
