import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (pages for people): the register holds the photo of the citizen's current card, so the reviewer sets it
 * beside the photo taken at the counter. Base64 JPEG sealed at rest (AES-256-GCM, like the stored application);
 * null for a citizen the register has no photo of.
 */
export class RegisterPhoto1797100000000 implements MigrationInterface {
  name = 'RegisterPhoto1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen ADD COLUMN photo text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen DROP COLUMN photo`);
  }
}
