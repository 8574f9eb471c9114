import { databaseForTests, TestDatabase } from '@idcard/database';
import { DataSource } from 'typeorm';
import { messagingMigrations } from '../src';

/** What the messaging migrations leave in a fresh database, for the queries that rely on it. */
describe('the messaging schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await databaseForTests();
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: messagingMigrations, migrationsTableName: 'schema_migrations', logging: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.dispose();
  });

  it('indexes only the unsent outbox rows, so the relay’s look for work stays small however much was sent', async () => {
    // Migrated here, not in beforeAll: mutation testing counts code run in a hook as covered by no test.
    await dataSource.runMigrations();
    const [index] = await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'outbox_message' AND indexname = 'outbox_message_unsent'`);
    expect(index?.indexdef).toMatch(/ON public\.outbox_message USING btree \(id\) WHERE \(sent_at IS NULL\)$/);
    // The relay's query is answered from it (sequential scans off: the table is empty here, and a planner would scan).
    const plan = await dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query(`EXPLAIN SELECT id FROM outbox_message WHERE sent_at IS NULL ORDER BY id LIMIT 100`);
    });
    expect(plan.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n')).toContain('outbox_message_unsent');
  });
});
