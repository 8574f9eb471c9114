import { DataSource } from 'typeorm';

/** One key for every service: replicas starting together run migrations one at a time. */
const MIGRATION_LOCK = 7_116_430;

/** Runs pending migrations under a PostgreSQL advisory lock, so replicas never race on the schema. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
