import { Client } from 'pg';
import { dropDatabase, ensureDatabase, serviceDatabaseName, startEmbeddedPostgres, type EmbeddedPostgres } from '../src';
import { query } from './helpers';

describe('ensureDatabase', () => {
  let server: EmbeddedPostgres;
  beforeAll(async () => {
    server = await startEmbeddedPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const databaseCount = async (name: string) =>
    Number((await query<{ n: string }>(server.url, 'SELECT count(*) AS n FROM pg_database WHERE datname = $1', [name]))[0].n);

  it('creates a missing database and returns its URL', async () => {
    const name = serviceDatabaseName('registry-office', '44');
    expect(await databaseCount(name)).toBe(0);

    const url = await ensureDatabase(server.url, name);

    expect(url).toBe(`postgres://postgres:postgres@127.0.0.1:${server.port}/registry_office_44`);
    expect(await databaseCount(name)).toBe(1);
    const [{ db }] = await query<{ db: string }>(url, 'SELECT current_database() AS db');
    expect(db).toBe('registry_office_44');
  });

  it('re-uses an existing database, keeping its contents', async () => {
    const url = await ensureDatabase(server.url, 'receiving_office_11');
    await query(url, 'CREATE TABLE receipts (no text PRIMARY KEY)');
    await query(url, `INSERT INTO receipts VALUES ('R-1')`);

    const again = await ensureDatabase(server.url, 'receiving_office_11');

    expect(again).toBe(url);
    expect(await query(again, 'SELECT no FROM receipts')).toEqual([{ no: 'R-1' }]);
    expect(await databaseCount('receiving_office_11')).toBe(1);
  });

  it('lets many concurrent callers create the same database: all succeed, one database exists', async () => {
    const name = 'production_center_31';
    const urls = await Promise.all(Array.from({ length: 8 }, () => ensureDatabase(server.url, name)));

    expect(new Set(urls)).toEqual(new Set([`postgres://postgres:postgres@127.0.0.1:${server.port}/${name}`]));
    expect(await databaseCount(name)).toBe(1);
    const [{ db }] = await query<{ db: string }>(urls[3], 'SELECT current_database() AS db');
    expect(db).toBe(name);
  });

  it('creates different databases concurrently', async () => {
    const names = ['registry_office_11', 'registry_office_12', 'registry_office_13', 'registry_office_14', 'registry_office_15'];
    const urls = await Promise.all(names.map((n) => ensureDatabase(server.url, n)));
    for (const [i, url] of urls.entries()) {
      const [{ db }] = await query<{ db: string }>(url, 'SELECT current_database() AS db');
      expect(db).toBe(names[i]);
    }
  });

  it('keeps query parameters of the admin URL', async () => {
    const url = await ensureDatabase(`${server.url}?application_name=setup`, 'with_params');
    expect(url).toBe(`postgres://postgres:postgres@127.0.0.1:${server.port}/with_params?application_name=setup`);
  });

  it('rejects names that would need quoting or be truncated, before touching the server', async () => {
    await expect(ensureDatabase(server.url, 'Registry-Office')).rejects.toThrow(/Invalid database name/);
    await expect(ensureDatabase(server.url, 'x'.repeat(64))).rejects.toThrow(/Invalid database name/);
    await expect(ensureDatabase(server.url, 'a"; DROP DATABASE postgres; --')).rejects.toThrow(/Invalid database name/);
    expect(await databaseCount('postgres')).toBe(1);
  });

  it('reports an unreachable server without leaking the password', async () => {
    const unreachable = 'postgres://postgres:s3cret@127.0.0.1:1/postgres';
    const error = await ensureDatabase(unreachable, 'nowhere').then(
      () => new Error('connected to an unreachable server'),
      (err: Error) => err,
    );
    expect(error.message).toMatch(/Cannot connect to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres/);
    expect(error.message).not.toContain('s3cret');
  });

  it('dropDatabase removes a database even while a client is connected to it', async () => {
    const url = await ensureDatabase(server.url, 'to_be_dropped');
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();

    await dropDatabase(server.url, 'to_be_dropped');
    await dropDatabase(server.url, 'to_be_dropped'); // missing is fine

    expect(await databaseCount('to_be_dropped')).toBe(0);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
  });
});
