import { databaseForTests, TestDatabase } from '@idcard/database';
import { DataSource } from 'typeorm';
import { messagingMigrations, MessagingRetentionIndexes1796414000001, pruneMessaging } from '../src';

const DAY_MS = 86_400_000;
const NOW = new Date(Date.UTC(2026, 11, 4, 12, 0, 0));
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY_MS + ms);

/**
 * The retention prune on a real PostgreSQL migrated with the messaging migrations: which outbox and inbox rows go, by
 * which column, where the cut-off falls, and that a backlog larger than one delete slice (5,000 rows) goes whole.
 */
describe('pruning the outbox and the inbox', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  /** Outbox rows sent at `sentAt` (null: not sent yet), created a year before NOW; `n` of them, in one statement. */
  const outbox = (sentAt: Date | null, n = 1, topic = 'idcard.receiving.44.decisions') =>
    dataSource.query(
      `INSERT INTO outbox_message (message_id, topic, message_key, message_type, body, created_at, sent_at)
       SELECT gen_random_uuid(), $1, 'key', 'ApplicationSignedOff', '{}', $2, $3 FROM generate_series(1, $4)`,
      [topic, daysBefore(365), sentAt, n],
    );
  const inbox = (appliedAt: Date, n = 1, topic = 'idcard.receiving.44.decisions') =>
    dataSource.query(
      `INSERT INTO inbox_message (message_id, message_type, topic, partition, kafka_offset, applied_at)
       SELECT gen_random_uuid(), 'ApplicationSignedOff', $1, 0, g, $2 FROM generate_series(1, $3) AS g`,
      [topic, appliedAt, n],
    );
  const topicsLeft = async (table: string): Promise<string[]> =>
    ((await dataSource.query(`SELECT topic FROM ${table} ORDER BY topic`)) as { topic: string }[]).map((r) => r.topic);

  beforeAll(async () => {
    db = await databaseForTests();
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: [...messagingMigrations, MessagingRetentionIndexes1796414000001],
      migrationsTableName: 'schema_migrations',
      logging: false,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.dispose();
  });
  beforeEach(() => dataSource.query(`TRUNCATE outbox_message, inbox_message`));

  it('deletes sent outbox rows and applied inbox rows older than their own periods, and counts what went', async () => {
    await outbox(daysBefore(8), 2, 'sent-8-days-ago');
    await outbox(daysBefore(6), 1, 'sent-6-days-ago');
    await outbox(null, 1, 'unsent');
    await inbox(daysBefore(31), 3, 'applied-31-days-ago');
    await inbox(daysBefore(8), 1, 'applied-8-days-ago');

    expect(await pruneMessaging(dataSource, NOW, { outboxSentDays: 7, inboxAppliedDays: 30 })).toEqual({ outbox: 2, inbox: 3 });
    // An unsent row has no sent_at: it is the relay's, whatever its age.
    expect(await topicsLeft('outbox_message')).toEqual(['sent-6-days-ago', 'unsent']);
    // The inbox keeps its rows longer than the outbox's period: a late duplicate must still meet its row.
    expect(await topicsLeft('inbox_message')).toEqual(['applied-8-days-ago']);
  });

  it('keeps a row exactly at the cut-off and deletes one a millisecond older', async () => {
    await outbox(daysBefore(7), 1, 'at-cut-off');
    await outbox(daysBefore(7, -1), 1, 'a-millisecond-older');
    await inbox(daysBefore(30), 1, 'at-cut-off');
    await inbox(daysBefore(30, -1), 1, 'a-millisecond-older');

    expect(await pruneMessaging(dataSource, NOW, { outboxSentDays: 7, inboxAppliedDays: 30 })).toEqual({ outbox: 1, inbox: 1 });
    expect(await topicsLeft('outbox_message')).toEqual(['at-cut-off']);
    expect(await topicsLeft('inbox_message')).toEqual(['at-cut-off']);
  });

  it('deletes a backlog of more than one slice (5,000 rows) whole, in slices', async () => {
    await outbox(daysBefore(10), 5001);
    await inbox(daysBefore(40), 5001);
    await inbox(daysBefore(1), 1, 'recent');

    expect(await pruneMessaging(dataSource, NOW, { outboxSentDays: 7, inboxAppliedDays: 30 })).toEqual({ outbox: 5001, inbox: 5001 });
    expect(await topicsLeft('outbox_message')).toEqual([]);
    expect(await topicsLeft('inbox_message')).toEqual(['recent']);
    // Nothing older is left, so a second prune finds nothing.
    expect(await pruneMessaging(dataSource, NOW, { outboxSentDays: 7, inboxAppliedDays: 30 })).toEqual({ outbox: 0, inbox: 0 });
  });

  it('finds the old rows through indexes of their own, which its migration can drop and create again', async () => {
    const indexes = async () =>
      (
        (await dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname IN ('outbox_message_sent_at', 'inbox_message_applied_at') ORDER BY 1`)) as {
          indexname: string;
        }[]
      ).map((r) => r.indexname);
    expect(await indexes()).toEqual(['inbox_message_applied_at', 'outbox_message_sent_at']);
    // TypeORM orders migrations by the timestamp in their names: undo the later ones too, then the retention indexes'.
    const stamp = (m: { name: string }) => Number(/(\d{13})$/.exec(m.name)![1]);
    const later = messagingMigrations.filter((m) => stamp(m) > stamp(MessagingRetentionIndexes1796414000001)).length;
    for (let i = 0; i <= later; i++) await dataSource.undoLastMigration();
    expect(await indexes()).toEqual([]);
    await dataSource.runMigrations();
    expect(await indexes()).toEqual(['inbox_message_applied_at', 'outbox_message_sent_at']);
  });
});
