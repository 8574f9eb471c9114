import { BiometricsKeyring } from '@idcard/biometrics';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactUrl, serviceDatabaseName, withDatabase } from '@idcard/database';
import { UsageError } from './command-io';

/** The file `npm start` writes with its embedded PostgreSQL's server URL, under DATA_DIR (default .data). */
export function postgresUrlFile(env: Record<string, string | undefined>): string {
  return path.join(env.DATA_DIR?.trim() || '.data', 'postgres.url');
}

/**
 * Which database holds a service's message log: `--database-url` (that service's own database), else DATABASE_URL
 * (a server: the service's database on it, e.g. registry_office_44), else the server of `npm start`
 * (`<DATA_DIR or .data>/postgres.url`).
 */
export function resolveLogDatabaseUrl(o: { databaseUrl?: string; service: string; province: string; env: Record<string, string | undefined> }): {
  url: string;
  from: string;
} {
  const name = serviceDatabaseName(o.service, o.province);
  const onServer = (server: string, from: string) => {
    try {
      return { url: withDatabase(server, name), from };
    } catch (err) {
      throw new UsageError(`${from}: ${(err as Error).message}`);
    }
  };
  if (o.databaseUrl !== undefined) {
    try {
      const parsed = new URL(o.databaseUrl);
      if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('not postgres');
    } catch {
      throw new UsageError(`--database-url must be a postgres:// URL, not ${JSON.stringify(redactUrl(o.databaseUrl))}`);
    }
    return { url: o.databaseUrl, from: '--database-url' };
  }
  const server = o.env.DATABASE_URL?.trim();
  if (server) return onServer(server, 'DATABASE_URL');
  const file = postgresUrlFile(o.env);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new UsageError(
      `no database to read: neither --database-url nor DATABASE_URL is given, and ${file} is absent (start npm start or give --database-url)`,
    );
  }
  return onServer(text, file);
}

/**
 * The biometrics key a service seals its log values with: BIOMETRICS_KEY, BIOMETRICS_KEY_FILE, or npm start's
 * `<DATA_DIR or .data>/biometrics.key`; none for a log written without one.
 */
export function biometricsKeyringFrom(env: Record<string, string | undefined>): BiometricsKeyring | undefined {
  if (env.BIOMETRICS_KEY?.trim()) return BiometricsKeyring.parse(env.BIOMETRICS_KEY);
  const file = env.BIOMETRICS_KEY_FILE?.trim() || path.join(path.resolve(env.DATA_DIR?.trim() || '.data'), 'biometrics.key');
  return fs.existsSync(file) ? BiometricsKeyring.parse(fs.readFileSync(file, 'utf8')) : undefined;
}
