import { FixedClock } from '@idcard/clock';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AfterCommit, MessageLog, messagingMigrations, MessagingOptions, OutboxRelay } from '../src';

/**
 * What the outbox backlog metrics read (OutboxRelay.backlog), on a real PostgreSQL: the relay is not started (it is
 * never bootstrapped), so the rows below stay unsent for as long as the test looks at them.
 */
describe('the outbox backlog', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let relay: OutboxRelay;

  const outbox = (createdAt: Date, sentAt: Date | null) =>
    dataSource.query(
      `INSERT INTO outbox_message (message_id, topic, message_key, message_type, body, created_at, sent_at)
       VALUES (gen_random_uuid(), 'idcard.receiving.44.decisions', 'key', 'ApplicationSignedOff', '{}', $1, $2)`,
      [createdAt, sentAt],
    );

  beforeAll(async () => {
    db = await databaseForTests();
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: messagingMigrations, migrationsTableName: 'schema_migrations', logging: false });
    await dataSource.initialize();
    await dataSource.runMigrations();
    // Only the identity matters here: nothing is sent or received (a Kafka client that connects nowhere).
    const options = { identity: { service: 'registry-office', province: '11' }, kafka: new Kafka({ brokers: ['127.0.0.1:1'] }) } as MessagingOptions;
    relay = new OutboxRelay(options, new FixedClock(new Date('2026-12-04T12:00:00Z')), dataSource, new MessageLog(), new AfterCommit(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.dispose();
  });

  it('is empty with nothing waiting, sent rows not counted', async () => {
    expect(await relay.backlog()).toEqual({ messages: 0, oldestCreatedAt: null });
    await outbox(new Date('2026-12-04T09:00:00Z'), new Date('2026-12-04T09:00:01Z'));
    expect(await relay.backlog()).toEqual({ messages: 0, oldestCreatedAt: null });
  });

  it('counts the unsent rows and gives the creation time of the first one queued', async () => {
    await outbox(new Date('2026-12-04T10:00:00Z'), null);
    await outbox(new Date('2026-12-04T10:00:05Z'), new Date('2026-12-04T10:00:06Z'));
    await outbox(new Date('2026-12-04T10:00:07Z'), null);
    expect(await relay.backlog()).toEqual({ messages: 2, oldestCreatedAt: new Date('2026-12-04T10:00:00Z') });
  });
});
