/**
 * Telling "a part this service depends on is down" from a bug (issue 14, point 3): PostgreSQL unreachable,
 * restarting, shutting down or out of connections, and Kafka unreachable. Such a failure is answered 503 with
 * Retry-After and the part's name, never 500; the request changed nothing (its transaction did not commit).
 */
export type DependentPart = 'database' | 'kafka';

export interface Outage {
  part: DependentPart;
  /** What the driver said, for the error body's reason (no stack, no query). */
  reason: string;
}

/** Seconds a client is told to wait before trying again (Retry-After) when a part is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL (SQLSTATE) and socket codes that mean the server cannot serve now: too_many_connections (53300),
 * admin_shutdown, crash_shutdown, cannot_connect_now (57P01–57P03), the connection_exception class (08…), and
 * refused, reset, timed-out or broken sockets.
 */
const DATABASE_CODES = new Set([
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** What pg, pg-pool and TypeORM say without a code when the connection is lost, never made, or the pool waited too long. */
const DATABASE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection timeout|the database system is (starting up|shutting down|in recovery mode)|sorry, too many clients|remaining connection slots are reserved|Client has encountered a connection error|Driver not Connected|Cannot use a pool after calling end|terminating connection/i;

/** kafkajs's errors that mean the cluster cannot be reached or did not answer in time. */
const KAFKA_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The part that is down, if `err` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's errors) says one is. */
export function outageOf(err: unknown, depth = 0): Outage | null {
  if (err === null || typeof err !== 'object' || depth > 4) return null;
  const e = err as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';
  const name = typeof e.name === 'string' ? e.name : '';
  if (KAFKA_ERRORS.has(name)) return { part: 'kafka', reason: message || name };
  if (name.startsWith('KafkaJS')) {
    const inner = outageOf(e.cause, depth + 1);
    if (inner?.part === 'kafka') return inner;
  }
  const code = typeof e.code === 'string' ? e.code : '';
  if (DATABASE_CODES.has(code) || DATABASE_MESSAGES.test(message)) return { part: 'database', reason: message || code };
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = outageOf(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The error code a client branches on for a part that is down: DATABASE_UNAVAILABLE, KAFKA_UNAVAILABLE, … */
export function unavailableCode(part: string): string {
  return `${part.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_UNAVAILABLE`;
}
