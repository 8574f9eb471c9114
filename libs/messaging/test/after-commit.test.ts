import { databaseForTests, TestDatabase } from '@idcard/database';
import { DataSource } from 'typeorm';
import { AfterCommit } from '../src';

/**
 * AfterCommit on a real PostgreSQL transaction: a callback runs once its transaction has committed, once however often
 * it was asked, never for a transaction rolled back — not even when the same connection commits a later one.
 */
describe('AfterCommit', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  // A new one in each test (it listens to the data source's transactions from its construction on): built inside the
  // test, not in a hook, so that mutation testing counts the constructor as covered by these tests.
  let afterCommit: AfterCommit;
  const fresh = () => (afterCommit = new AfterCommit(dataSource));

  beforeAll(async () => {
    db = await databaseForTests();
    dataSource = new DataSource({ type: 'postgres', url: db.url, logging: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.dispose();
  });

  it('runs a callback once its transaction commits, once however often it was asked, not before', async () => {
    fresh();
    const ran: string[] = [];
    const callback = () => ran.push('committed');
    await dataSource.transaction(async (em) => {
      afterCommit.run(em, callback);
      afterCommit.run(em, callback);
      await em.query('SELECT 1');
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['committed']);
  });

  it('runs at once outside a transaction', () => {
    fresh();
    let ran = 0;
    afterCommit.run(dataSource.manager, () => ran++);
    expect(ran).toBe(1);
  });

  it('never runs the callbacks of a rolled-back transaction, not even at the same connection’s next commit', async () => {
    fresh();
    const runner = dataSource.createQueryRunner();
    let ran = 0;
    try {
      await runner.startTransaction();
      afterCommit.run(runner.manager, () => ran++);
      await runner.rollbackTransaction();
      expect(ran).toBe(0);
      await runner.startTransaction();
      await runner.query('SELECT 1');
      await runner.commitTransaction();
      expect(ran).toBe(0);
    } finally {
      await runner.release();
    }
  });

  it('waits for the outer transaction when a nested one (a savepoint) ends', async () => {
    fresh();
    let ran = 0;
    await dataSource.transaction(async (em) => {
      await em.transaction(async (inner) => {
        afterCommit.run(inner, () => ran++);
      });
      expect(ran).toBe(0);
    });
    expect(ran).toBe(1);
  });
});
