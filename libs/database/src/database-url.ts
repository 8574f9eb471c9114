/** Small pure helpers around PostgreSQL connection URLs and database names. */

/** Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 bytes (NAMEDATALEN - 1). */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Throws unless `name` is a database name we allow: `[a-z_][a-z0-9_]*`, at most 63 characters.
 * PostgreSQL would accept more when quoted, but it silently truncates longer identifiers and folds
 * unquoted ones to lower case, so anything else means trouble in psql, migrations and URLs.
 */
export function assertDatabaseName(name: string): void {
  if (typeof name !== 'string' || !DATABASE_NAME.test(name)) {
    throw new Error(`Invalid database name ${JSON.stringify(name)}: use [a-z_][a-z0-9_]*, at most 63 characters`);
  }
}

/**
 * The database of one service in one province, e.g. `serviceDatabaseName('registry-office', '44')`
 * → `registry_office_44`.
 */
export function serviceDatabaseName(service: string, provinceCode: string | number): string {
  const province = String(provinceCode);
  if (!/^\d{2}$/.test(province)) throw new Error(`Invalid province code ${JSON.stringify(provinceCode)}: expected two digits`);
  const name = `${service
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}_${province}`;
  assertDatabaseName(name);
  return name;
}

function parse(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('not a postgres URL');
    return parsed;
  } catch {
    throw new Error(`Invalid PostgreSQL URL: ${redactUrl(url)}`);
  }
}

/** The same server URL (credentials, host, query parameters) pointing at another database. */
export function withDatabase(url: string, database: string): string {
  assertDatabaseName(database);
  const parsed = parse(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL with its password replaced by `***`, for logs. Never throws. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
