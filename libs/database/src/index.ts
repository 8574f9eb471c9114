export { startEmbeddedPostgres, freePort } from './embedded-postgres';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded-postgres';
export { ensureDatabase, dropDatabase } from './ensure-database';
export { databaseForTests, uniqueDatabaseName } from './test-database';
export type { TestDatabase, TestDatabaseOptions } from './test-database';
export { assertDatabaseName, serviceDatabaseName, withDatabase, redactUrl } from './database-url';
