import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11. The photo an order keeps until its card is printed is sealed at rest (AES-256-GCM, libs/biometrics):
 * photo_jpeg becomes text holding the sealed base64 of the JPEG. Rows from before hold the plain base64 (read as
 * it is until the card is made, when the photo is let go). And the operator who ran the line when a card was made
 * (from the token of POST /production/run; null when the line's timer made it).
 */
export class OperatorsAndSealedPhotos1796300000000 implements MigrationInterface {
  name = 'OperatorsAndSealedPhotos1796300000000';

  async up(q: QueryRunner): Promise<void> {
    // PostgreSQL's base64 breaks lines every 76 characters: one line, as Buffer.toString('base64') writes it.
    await q.query(`ALTER TABLE production_order ALTER COLUMN photo_jpeg TYPE text USING translate(encode(photo_jpeg, 'base64'), E'\n', '')`);
    await q.query(`ALTER TABLE production_order ADD COLUMN produced_by_subject text NULL, ADD COLUMN produced_by_name text NULL`);
    await q.query(`
      ALTER TABLE production_order ADD CONSTRAINT production_order_produced_by CHECK (
        (produced_by_subject IS NULL) = (produced_by_name IS NULL) AND (produced_by_subject IS NULL OR state = 'produced'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_order DROP CONSTRAINT production_order_produced_by`);
    await q.query(`ALTER TABLE production_order DROP COLUMN produced_by_name, DROP COLUMN produced_by_subject`);
    // Only plain base64 can go back to bytea: sealed photos are let go (a queued order keeps a placeholder it cannot print).
    await q.query(`UPDATE production_order SET photo_jpeg = '' WHERE photo_jpeg LIKE 'bio1.%'`);
    await q.query(`ALTER TABLE production_order ALTER COLUMN photo_jpeg TYPE bytea USING decode(photo_jpeg, 'base64')`);
  }
}
