import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who did it (issue 11): a timeline step a person caused — the clerk who accepted the application, confirmed the
 * card's arrival, handed it over — carries that person's subject and name from the token, and the office they
 * acted for. Steps from messages and the deadline scheduler carry none. Rows from before stay without an actor.
 */
export class StepActors1796300000000 implements MigrationInterface {
  name = 'StepActors1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_step ADD COLUMN actor_subject text NULL, ADD COLUMN actor_name text NULL, ADD COLUMN office text NULL`);
    await q.query(`
      ALTER TABLE application_step
        ADD CONSTRAINT application_step_actor_whole CHECK ((actor_subject IS NULL) = (actor_name IS NULL)),
        ADD CONSTRAINT application_step_office_code CHECK (office IS NULL OR office ~ '^[0-9]{8}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_step DROP CONSTRAINT application_step_office_code, DROP CONSTRAINT application_step_actor_whole`);
    await q.query(`ALTER TABLE application_step DROP COLUMN office, DROP COLUMN actor_name, DROP COLUMN actor_subject`);
  }
}
