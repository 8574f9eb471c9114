import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { CreateMessageLog1796100000001 } from '@idcard/messaging';
import { databaseForTests, dropDatabase, ensureDatabase, TestDatabase, uniqueDatabaseName } from '@idcard/database';
import { resolveLogDatabaseUrl, runOpsCommand } from '@idcard/ops';
import { chainHash, GENESIS_HASH, generateSigningKeyPair, LogEntry, privateKeyPem, publicKeyPem, SignedCheckpoint, verifyCheckpoint } from '@idcard/trust';

/** An ID number that must never appear in what the command prints. */
const CITIZEN_ID = '440106199003074571';

function entry(i: number): LogEntry {
  const sent = i % 3 === 0;
  return {
    direction: sent ? 'sent' : i % 3 === 1 ? 'applied' : 'dead-lettered',
    topic: sent ? 'idcard.receiving.44.decisions' : 'idcard.registry.44.applications',
    partition: sent ? null : i % 4,
    offset: sent ? null : String(100 + i),
    key: `${CITIZEN_ID}`,
    value: Buffer.from(JSON.stringify({ citizenId: CITIZEN_ID, name: '张三', n: i })),
    signature: `c2lnbmF0dXJl${i}`,
    keyId: 'registry-office-44-0123456789abcdef',
    time: new Date(Date.UTC(2026, 10, 22, 8, 0, 0, 0) + i * 1234),
  };
}

async function ops(argv: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await runOpsCommand(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env });
  return { code, out, err };
}

describe('npm run ops -- verify-log', () => {
  let db: TestDatabase;
  let sql: Client;
  let tmp: string;
  const hashes: string[] = [];
  const base = () => ['verify-log', '--service', 'registry-office', '--province', '44', '--database-url', db.url, '--page-size', '5'];

  /** Appends rows chained on the last one, and records the head, as the writer does in its transaction. */
  async function append(n: number): Promise<void> {
    for (let k = 0; k < n; k++) {
      const i = hashes.length;
      const e = entry(i);
      const prev = hashes[i - 1] ?? GENESIS_HASH;
      const hash = chainHash(prev, e);
      await sql.query(
        `INSERT INTO message_log (direction, topic, partition, kafka_offset, message_key, value, signature, key_id, logged_at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [e.direction, e.topic, e.partition, e.offset, e.key, e.value, e.signature, e.keyId, e.time, prev, hash],
      );
      hashes.push(hash);
    }
    await sql.query(
      `INSERT INTO message_log_head (id, hash, count) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, count = EXCLUDED.count`,
      [hashes[hashes.length - 1], hashes.length],
    );
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-verify-log-'));
    db = await databaseForTests({ prefix: 'ops_verify_log' });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    // The tables exactly as the services' migration makes them, so this test cannot drift from the real layout.
    await new CreateMessageLog1796100000001().up({ query: (text: string) => sql.query(text) } as unknown as QueryRunner);
  });

  afterAll(async () => {
    await sql?.end();
    await db?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers an empty log with 0 rows at the genesis hash', async () => {
    const r = await ops([...base(), '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('walks the chain in pages, prints count and head, signs a checkpoint, and checks a later log still extends it', async () => {
    await append(12);
    const text = await ops(base());
    expect(text.code).toBe(0);
    expect(text.out).toBe(`registry-office 44: message log intact: 12 rows, head ${hashes[11]}\n`);
    const json = await ops([...base(), '--json']);
    expect(JSON.parse(json.out)).toEqual({ ok: true, count: 12, head: hashes[11] });

    const { privateKey, publicKey } = generateSigningKeyPair();
    const keyFile = path.join(tmp, 'registry-office-44.key');
    const pubFile = path.join(tmp, 'registry-office-44.pub');
    fs.writeFileSync(keyFile, privateKeyPem(privateKey), { mode: 0o600 });
    fs.writeFileSync(pubFile, publicKeyPem(publicKey));
    const cp = await ops([...base(), '--checkpoint', '--key', keyFile]);
    expect(cp.code).toBe(0);
    const signed = JSON.parse(cp.out) as SignedCheckpoint;
    expect(signed.checkpoint).toMatchObject({ service: 'registry-office', province: '44', count: 12, head: hashes[11] });
    expect(signed.keyId).toMatch(/^registry-office-44-[0-9a-f]{16}$/);
    expect(verifyCheckpoint(signed, publicKey)).toBe(true);
    const checkpointFile = path.join(tmp, 'checkpoint-12.json');
    fs.writeFileSync(checkpointFile, cp.out);

    await append(3);
    const extended = await ops([...base(), '--against', checkpointFile, '--public-key', pubFile, '--json']);
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.out)).toMatchObject({ ok: true, count: 15, head: hashes[14], extendsCheckpoint: { count: 12, head: hashes[11] } });

    const forged = path.join(tmp, 'forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...signed, checkpoint: { ...signed.checkpoint, count: 11, head: hashes[10] } }));
    const refused = await ops([...base(), '--against', forged, '--public-key', pubFile]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('does not verify with --public-key');

    for (const r of [text, json, cp, extended, refused]) {
      expect(r.out + r.err).not.toContain(CITIZEN_ID);
      expect(r.out + r.err).not.toContain('张三');
    }
  });

  it('finds one row edited in the middle: its id, the hash its fields give and the hash it holds; exit 1', async () => {
    const { rows } = await sql.query<{ id: string; value: Buffer }>('SELECT id::text AS id, value FROM message_log ORDER BY message_log.id OFFSET 6 LIMIT 1');
    const { id, value } = rows[0];
    const edited = Buffer.from(value.toString().replace('"n":6', '"n":7'));
    await sql.query('UPDATE message_log SET value = $1 WHERE id = $2', [edited, id]);
    try {
      const json = await ops([...base(), '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toEqual({
        ok: false,
        brokenAt: Number(id),
        expected: chainHash(hashes[5], { ...entry(6), value: edited }),
        found: hashes[6],
        reason: 'its hash does not match its fields: the row was altered',
      });
      const text = await ops(base());
      expect(text.code).toBe(1);
      expect(text.out).toContain(`registry-office 44: message log BROKEN at row id ${id} (6 rows before it verify): its hash does not match its fields`);
      expect(text.out).toContain(`found     ${hashes[6]}`);
      expect(text.out + json.out).not.toContain(CITIZEN_ID);

      // Recomputing that row's hash to hide the edit moves the break to the next row, whose prev_hash no longer follows.
      const rehashed = chainHash(hashes[5], { ...entry(6), value: edited });
      await sql.query('UPDATE message_log SET hash = $1 WHERE id = $2', [rehashed, id]);
      const next = JSON.parse((await ops([...base(), '--json'])).out);
      expect(next).toMatchObject({ ok: false, brokenAt: Number(id) + 1, expected: rehashed, found: hashes[6] });
      expect(next.reason).toContain('prev_hash is not the hash of the row before it');
    } finally {
      await sql.query('UPDATE message_log SET value = $1, hash = $2 WHERE id = $3', [value, hashes[6], id]);
    }
    expect((await ops(base())).code).toBe(0);
  });

  it('finds the last row deleted: the head recorded is not where the rows end', async () => {
    await sql.query('DELETE FROM message_log WHERE id = (SELECT max(id) FROM message_log)');
    const json = await ops([...base(), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, brokenAt: 'message_log_head', expected: hashes[14], found: hashes[13] });
    const text = await ops(base());
    expect(text.code).toBe(1);
    expect(text.out).toContain('message_log_head records 15 rows ending in');
    expect(text.out).toContain('rows were deleted from the end');
  });

  it('finds a tail cut off with the head rewritten to match, against a checkpoint kept elsewhere', async () => {
    await sql.query('DELETE FROM message_log WHERE id IN (SELECT id FROM message_log ORDER BY id OFFSET 10)');
    await sql.query('UPDATE message_log_head SET hash = $1, count = 10', [hashes[9]]);
    expect(JSON.parse((await ops([...base(), '--json'])).out)).toEqual({ ok: true, count: 10, head: hashes[9] });
    const against = await ops([
      ...base(),
      '--json',
      '--against',
      path.join(tmp, 'checkpoint-12.json'),
      '--public-key',
      path.join(tmp, 'registry-office-44.pub'),
    ]);
    expect(against.code).toBe(1);
    expect(JSON.parse(against.out)).toMatchObject({ ok: false, brokenAt: 'checkpoint', expected: hashes[11], found: 'only 10 rows' });
  });

  it('answers bad arguments with exit 2, and says where a database would come from', async () => {
    const cases: [string[], RegExp][] = [
      [['verify-log', '--province', '44'], /--service is required/],
      [['verify-log', '--service', 'registry-office', '--province', '4'], /--province must be a province code/],
      [[...base(), '--checkpoint'], /--checkpoint and --key go together/],
      [[...base(), '--against', 'x.json'], /--against and --public-key go together/],
      [[...base(), '--page-size', '0'], /--page-size must be a whole number/],
      [['verify-log', '--service', 'registry-office', '--province', '44', '--database-url', 'mysql://x/y'], /--database-url must be a postgres:\/\/ URL/],
    ];
    for (const [argv, message] of cases) {
      const r = await ops(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(message);
    }
    const noDb = await ops(['verify-log', '--service', 'registry-office', '--province', '44'], { DATA_DIR: path.join(tmp, 'no-data') });
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain(`${path.join(tmp, 'no-data', 'postgres.url')} is absent (start npm start or give --database-url)`);

    expect(resolveLogDatabaseUrl({ service: 'registry-office', province: '44', env: { DATABASE_URL: 'postgres://u:p@db:5432/postgres' } })).toEqual({
      url: 'postgres://u:p@db:5432/registry_office_44',
      from: 'DATABASE_URL',
    });
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'postgres.url'), 'postgres://postgres:pw@127.0.0.1:5433/postgres\n');
    expect(resolveLogDatabaseUrl({ service: 'production-center', province: '11', env: { DATA_DIR: dataDir } }).url).toBe(
      'postgres://postgres:pw@127.0.0.1:5433/production_center_11',
    );

    const empty = uniqueDatabaseName('ops_no_log');
    const emptyUrl = await ensureDatabase(db.url, empty);
    try {
      const noTable = await ops(['verify-log', '--service', 'registry-office', '--province', '44', '--database-url', emptyUrl]);
      expect(noTable.code).toBe(1);
      expect(noTable.err).toMatch(/no message log in postgres.*relation "message_log_head" does not exist/);
    } finally {
      await dropDatabase(db.url, empty);
    }
  });
});
