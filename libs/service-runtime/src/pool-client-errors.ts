import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

interface EventSource {
  on(event: string, listener: (arg: never) => void): unknown;
}

/**
 * Gives every pooled PostgreSQL connection a lasting 'error' listener. When the server ends a connection that is
 * checked out (an admin shutdown, a restart, pg_terminate_backend), pg emits two errors on it — the server's 57P01 and
 * then "Connection terminated unexpectedly" — and TypeORM's query runner listens only for the first; the second, with
 * no listener, would be thrown as an uncaught exception and take the process down. The request or message that used
 * the connection has already failed as DATABASE_UNAVAILABLE; this only keeps the process alive.
 */
export function guardPoolClientErrors(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: EventSource & { _clients?: EventSource[] } }).master;
  if (!pool?.on) return;
  const logger = new Logger('database');
  const guard = (client: EventSource) => client.on('error', (err: Error) => logger.warn({ event: 'database.connection-lost', error: err.message }));
  pool.on('connect', guard);
  // The connection TypeORM opened to initialise is already in the pool (pg-pool's list of its clients).
  for (const client of pool._clients ?? []) guard(client);
}
