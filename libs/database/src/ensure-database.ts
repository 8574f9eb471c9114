import { Client } from 'pg';
import { assertDatabaseName, redactUrl, withDatabase } from './database-url';

/** SQLSTATEs that mean "someone else created it first". */
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // pg_database_datname_index, when two CREATE DATABASE race
/** "source database template1 is being accessed by other users": transient, retry. */
const OBJECT_IN_USE = '55006';

async function withAdminClient<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a server going away is reported through the query promise
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`Cannot connect to ${redactUrl(adminUrl)}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates database `name` on the server of `adminUrl` unless it exists, and returns the URL of that
 * database (same credentials and host). Safe to call concurrently: every caller succeeds.
 * The `adminUrl` user needs CREATEDB.
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  assertDatabaseName(name);
  const url = withDatabase(adminUrl, name);
  await withAdminClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (existing.rowCount) return;
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return;
        if (code === OBJECT_IN_USE && attempt < 20) {
          await new Promise((r) => setTimeout(r, 50 * attempt));
          continue;
        }
        throw err;
      }
    }
  });
  return url;
}

/**
 * Drops database `name` if it exists, disconnecting its sessions first (`WITH (FORCE)`, PostgreSQL
 * 13+; older servers get their sessions terminated before the drop).
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name);
  await withAdminClient(adminUrl, async (client) => {
    const ident = client.escapeIdentifier(name);
    const version = Number((await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
    if (version >= 130000) {
      await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
      return;
    }
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`DROP DATABASE IF EXISTS ${ident}`);
  });
}
