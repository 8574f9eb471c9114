import { BiometricsKeyring } from '@idcard/biometrics';
import { databaseForTests, TestDatabase } from '@idcard/database';
import { chainHash, GENESIS_HASH, LogEntry } from '@idcard/trust';
import { waitFor } from '@idcard/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MessageLog, MessagingOptions, messagingMigrations, readMessageLog, readMessageLogHead, verifyMessageLog } from '../src';

/** An ID number as a Kafka key: what the log holds and never prints. */
const KEY = '440106199003074571';

function entry(i: number, over: Partial<LogEntry> = {}): LogEntry {
  return {
    direction: (['sent', 'applied', 'dead-lettered'] as const)[i % 3],
    topic: 'idcard.receiving.44.decisions',
    partition: i % 3 === 0 ? null : i % 2,
    offset: i % 3 === 0 ? null : String(100 + i),
    key: KEY,
    value: Buffer.from(JSON.stringify({ n: i })),
    signature: `c2lnbmF0dXJl${i}`,
    keyId: 'registry-office-11-a',
    time: new Date(Date.UTC(2026, 10, 22, 8, 0, 0, 0) + i * 1234),
    ...over,
  };
}

/**
 * The message log on a real PostgreSQL, migrated with the messaging migrations, without a service around it: what an
 * append stores and chains, and what the verifier (the ops CLI's verify-log) finds when rows are edited or cut off.
 */
describe('the message log', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sql: Client;
  const log = new MessageLog();

  const append = (entries: LogEntry[], into: MessageLog = log) => dataSource.transaction((em) => into.append(em, entries));
  const reset = async () => {
    await sql.query(`TRUNCATE message_log`);
    await sql.query(`UPDATE message_log_head SET hash = repeat('0', 64), count = 0`);
  };

  beforeAll(async () => {
    db = await databaseForTests();
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: messagingMigrations, migrationsTableName: 'schema_migrations', logging: false });
    await dataSource.initialize();
    await dataSource.runMigrations();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await dataSource?.destroy();
    await db?.dispose();
  });
  beforeEach(reset);

  it('chains each append after the head, in order, and moves the head to the last row', async () => {
    const first = await append([entry(0), entry(1)]);
    const second = await append([entry(2)]);
    const rows = await readMessageLog(dataSource);
    expect(rows.map((r) => r.direction)).toEqual(['sent', 'applied', 'dead-lettered']);
    expect(rows[0].previousHash).toBe(GENESIS_HASH);
    expect(rows[0].hash).toBe(chainHash(GENESIS_HASH, entry(0)));
    expect(rows.map((r) => r.previousHash).slice(1)).toEqual(rows.map((r) => r.hash).slice(0, 2));
    expect(first).toEqual({ hash: rows[1].hash, count: 2 });
    expect(second).toEqual({ hash: rows[2].hash, count: 3 });
    expect(await readMessageLogHead(dataSource)).toEqual(second);
    expect(await verifyMessageLog(dataSource)).toEqual({ ok: true, count: 3, head: rows[2].hash });
  });

  it('reads back exactly what it hashed: partition and offset or null, the bytes, the time to the millisecond', async () => {
    await append([entry(0), entry(1)]);
    const [sent, applied] = await readMessageLog(dataSource);
    expect(sent).toMatchObject({
      direction: 'sent',
      topic: 'idcard.receiving.44.decisions',
      partition: null,
      offset: null,
      key: KEY,
      signature: 'c2lnbmF0dXJl0',
    });
    expect(applied).toMatchObject({ partition: 1, offset: '101', keyId: 'registry-office-11-a', time: entry(1).time });
    expect(applied.value).toEqual(Buffer.from('{"n":1}'));
    expect(Number(applied.id)).toBeGreaterThan(Number(sent.id));
  });

  it('changes nothing for an empty append', async () => {
    const head = await append([entry(0)]);
    expect(await append([])).toEqual(head);
    expect(await readMessageLogHead(dataSource)).toEqual(head);
  });

  it('logs a hostile message whatever its bytes: NUL in a key or signature is stored as U+FFFD, the value byte for byte', async () => {
    const value = Buffer.from([0, 159, 146, 150, 0]);
    await append([entry(1, { key: Buffer.from('4401\u00000619'), value, signature: 'sig\u0000', keyId: 'k\u0000' })]);
    const [row] = await readMessageLog(dataSource);
    expect(row.key).toBe('4401\uFFFD0619');
    expect(row.signature).toBe('sig\uFFFD');
    expect(row.keyId).toBe('k\uFFFD');
    expect(row.value).toEqual(value);
    expect(await verifyMessageLog(dataSource)).toMatchObject({ ok: true, count: 1 });
  });

  it('stores a text value as its UTF-8 bytes', async () => {
    await append([entry(1, { value: '{"name":"张三"}' })]);
    expect((await readMessageLog(dataSource))[0].value).toEqual(Buffer.from('{"name":"张三"}', 'utf8'));
  });

  it('chains a batch larger than one INSERT can hold, in the order given', async () => {
    const entries = Array.from({ length: 1203 }, (_, i) => entry(i));
    expect(await append(entries)).toMatchObject({ count: 1203 });
    const rows = await readMessageLog(dataSource, { limit: 2000 });
    expect(rows.map((r) => r.signature)).toEqual(entries.map((e) => e.signature));
    expect(await verifyMessageLog(dataSource)).toMatchObject({ ok: true, count: 1203 });
  });

  it('takes the new rows’ ids only once it holds the head, so that ORDER BY id stays the chain’s order', async () => {
    await append([entry(0)]);
    const idsTaken = async () => Number((await sql.query(`SELECT last_value FROM message_log_id_seq`)).rows[0].last_value);
    const before = await idsTaken();
    // Another session holds the head, as a concurrent append would until its commit.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT hash FROM message_log_head WHERE id = 1 FOR UPDATE');
      const waiting = append([entry(1), entry(2)]);
      await waitFor(
        'the append waiting for the head',
        async () => Number((await sql.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows[0].n) === 1,
      );
      // An id taken now could be overtaken by an append that locks the head first, and would sort before it.
      expect(await idsTaken()).toBe(before);
      await holder.query('COMMIT');
      expect(await waiting).toMatchObject({ count: 3 });
    } finally {
      await holder.end();
    }
    expect(await idsTaken()).toBe(before + 2);
    expect(await verifyMessageLog(dataSource)).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses to append outside a transaction, where the row could outlive a rolled-back send', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await expect(log.append(runner.manager, [entry(0)])).rejects.toThrow('MessageLog.append must run inside the transaction of the send or apply it records');
    } finally {
      await runner.release();
    }
    expect(await readMessageLogHead(dataSource)).toEqual({ hash: GENESIS_HASH, count: 0 });
  });

  it('reads the log a page at a time, after a given id', async () => {
    await append([0, 1, 2, 3, 4].map((i) => entry(i)));
    const all = await readMessageLog(dataSource);
    const page = await readMessageLog(dataSource, { afterId: all[1].id, limit: 2 });
    expect(page.map((r) => r.id)).toEqual([all[2].id, all[3].id]);
    expect(await readMessageLog(dataSource, { afterId: BigInt(all[4].id) })).toEqual([]);
  });

  it('verifies the same over a plain pg client, page by page', async () => {
    await append([0, 1, 2, 3, 4, 5, 6].map((i) => entry(i)));
    const head = await readMessageLogHead(dataSource);
    expect(await readMessageLogHead(sql)).toEqual(head);
    expect((await readMessageLog(sql)).map((r) => r.hash)).toEqual((await readMessageLog(dataSource)).map((r) => r.hash));
    expect(await verifyMessageLog(sql, { pageSize: 2 })).toEqual({ ok: true, count: 7, head: head.hash });
  });

  it('finds a row edited in the middle, and names it', async () => {
    await append([0, 1, 2, 3, 4].map((i) => entry(i)));
    const rows = await readMessageLog(dataSource);
    await sql.query(`UPDATE message_log SET topic = 'idcard.receiving.45.decisions' WHERE id = $1`, [rows[3].id]);
    expect(await verifyMessageLog(dataSource, { pageSize: 2 })).toEqual({
      ok: false,
      brokenAt: 3,
      id: rows[3].id,
      expected: expect.any(String),
      found: rows[3].hash,
    });
  });

  it('finds rows cut off the end, and a head that does not match the last row', async () => {
    await append([0, 1, 2, 3].map((i) => entry(i)));
    const rows = await readMessageLog(dataSource);
    await sql.query(`DELETE FROM message_log WHERE id = $1`, [rows[3].id]);
    expect(await verifyMessageLog(dataSource, { pageSize: 3 })).toEqual({
      ok: false,
      brokenAt: 3,
      id: null,
      expected: `4 rows ending in ${rows[3].hash} (the head row)`,
      found: `3 rows ending in ${rows[2].hash}`,
    });
    await sql.query(`UPDATE message_log_head SET hash = $1, count = 3`, ['f'.repeat(64)]);
    expect(await verifyMessageLog(dataSource)).toEqual({
      ok: false,
      brokenAt: 3,
      id: null,
      expected: `3 rows ending in ${'f'.repeat(64)} (the head row)`,
      found: `3 rows ending in ${rows[2].hash}`,
    });
  });

  it('stops at the head’s count: rows appended while it walks are not taken for tampering', async () => {
    await append([0, 1, 2].map((i) => entry(i)));
    const head = await readMessageLogHead(dataSource);
    // A row the head does not count yet, as if appended after the head was read.
    const last = (await readMessageLog(dataSource))[2];
    await sql.query(`INSERT INTO message_log (direction, topic, logged_at, prev_hash, hash) VALUES ('sent', 't', now(), $1, $2)`, [
      last.hash,
      chainHash(last.hash, entry(3)),
    ]);
    expect(await verifyMessageLog(dataSource, { pageSize: 2 })).toEqual({ ok: true, count: 3, head: head.hash });
  });

  it('seals values at rest with the service’s keyring, hashes and verifies the plain bytes', async () => {
    const biometrics = BiometricsKeyring.generate('log-test');
    const sealed = new MessageLog({ biometrics } as MessagingOptions);
    const value = Buffer.from('{"photo":"/9j/4AAQ"}');
    const head = await append([entry(1, { value })], sealed);
    const stored: Buffer = (await sql.query(`SELECT value FROM message_log`)).rows[0].value;
    expect(stored.includes(value)).toBe(false);
    expect((await readMessageLog(dataSource, { biometrics }))[0].value).toEqual(value);
    expect(head.hash).toBe(chainHash(GENESIS_HASH, entry(1, { value })));
    expect(await verifyMessageLog(dataSource, { biometrics })).toMatchObject({ ok: true, count: 1 });
    expect(await verifyMessageLog(dataSource)).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('says the migrations have not run when the head row is missing', async () => {
    await sql.query(`DELETE FROM message_log_head`);
    try {
      await expect(readMessageLogHead(dataSource)).rejects.toThrow('message_log_head has no row: the messaging migrations have not run');
      await expect(append([entry(0)])).rejects.toThrow('message_log_head has no row: the messaging migrations have not run');
    } finally {
      await sql.query(`INSERT INTO message_log_head (id, hash, count) VALUES (1, repeat('0', 64), 0)`);
    }
  });

  it('can undo its migrations and apply them again', async () => {
    const tables = async () =>
      (
        await sql.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name`,
        )
      ).rows.map((r: { table_name: string }) => r.table_name);
    const columns = async () =>
      (await sql.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'outbox_message' ORDER BY column_name`)).rows.map(
        (r: { column_name: string }) => r.column_name,
      );
    expect(await tables()).toEqual(['inbox_message', 'message_log', 'message_log_head', 'outbox_message']);
    expect(await columns()).toEqual(expect.arrayContaining(['trace_parent', 'trace_state']));
    await dataSource.undoLastMigration();
    expect(await columns()).not.toContain('trace_parent');
    expect(await columns()).not.toContain('trace_state');
    await dataSource.undoLastMigration();
    expect(await tables()).toEqual(['inbox_message', 'outbox_message']);
    expect(await columns()).toContain('signature');
    await dataSource.undoLastMigration();
    expect(await columns()).not.toContain('signature');
    expect(await columns()).not.toContain('key_id');
    await dataSource.undoLastMigration();
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations();
    expect(await tables()).toEqual(['inbox_message', 'message_log', 'message_log_head', 'outbox_message']);
    expect(await readMessageLogHead(dataSource)).toEqual({ hash: GENESIS_HASH, count: 0 });
  });
});
