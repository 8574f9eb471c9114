import { randomBytes } from 'node:crypto';
import { redactUrl } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';
import { dropDatabase, ensureDatabase } from './ensure-database';

export interface TestDatabase {
  /** URL of a database that belongs to this caller alone. */
  url: string;
  /** Where it lives: a fresh database on the `DATABASE_URL` server, or a throwaway embedded cluster. */
  source: 'DATABASE_URL' | 'embedded';
  /** Drops the database (DATABASE_URL) or stops and removes the embedded cluster. Idempotent. */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Start of the generated database name on a DATABASE_URL server. Default `test`. */
  prefix?: string;
  /** PostgreSQL output of an embedded cluster (quiet without it). */
  log?: (line: string) => void;
  /** Where to look for DATABASE_URL. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

const announced = new Set<string>();

function announce(source: TestDatabase['source'], message: string): void {
  if (announced.has(source)) return;
  announced.add(source);
  console.info(`[database] ${message}`);
}

/** A unique, valid database name such as `test_m3x9k2_1a2b_9f8e7d6c`. */
export function uniqueDatabaseName(prefix = 'test'): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z_]+/, '')
      .replace(/_+$/, '') || 'test';
  const suffix = `_${Date.now().toString(36)}_${process.pid.toString(36)}_${randomBytes(4).toString('hex')}`;
  return clean.slice(0, 63 - suffix.length) + suffix;
}

/**
 * A PostgreSQL database for one test suite. With `DATABASE_URL` set, creates a uniquely named
 * database on that server (dropped by dispose), so suites running side by side never share one;
 * otherwise starts an embedded PostgreSQL on a free port (stopped and removed by dispose).
 * Says once per process (per jest test file) which of the two it uses.
 */
export async function databaseForTests(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = (options.env ?? process.env).DATABASE_URL?.trim();
  if (serverUrl) {
    announce('DATABASE_URL', `tests use the server at DATABASE_URL (${redactUrl(serverUrl)}), a fresh database per suite`);
    const name = uniqueDatabaseName(options.prefix);
    const url = await ensureDatabase(serverUrl, name);
    let disposing: Promise<void> | undefined;
    return { url, source: 'DATABASE_URL', dispose: () => (disposing ??= dropDatabase(serverUrl, name)) };
  }
  announce('embedded', 'tests use an embedded PostgreSQL (embedded-postgres) on a free port; set DATABASE_URL to use a server instead');
  const pg = await startEmbeddedPostgres({ port: 0, log: options.log });
  return { url: pg.url, source: 'embedded', dispose: pg.stop };
}
