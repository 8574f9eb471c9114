import { errorBodyOf } from './error-body';
import { outageOf, unavailableCode } from './outage';

/** What pg, pg-pool, TypeORM and kafkajs throw when a part is down, in the shapes they throw it (their own fields). */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const typeormWrapped = (driverError: Error) => Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError, query: 'SELECT 1' });

describe('telling a part that is down from a bug', () => {
  it('names the database for what pg and TypeORM say when the server cannot serve', () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 }),
      pgError('53300', 'sorry, too many clients already'),
      pgError('53300', 'too many connections for role "receiving_office"'),
      typeormWrapped(pgError('57P01', 'terminating connection due to administrator command')),
      pgError('57P03', 'the database system is starting up'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout'),
      Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'connect failed')),
    ])
      expect(outageOf(err)?.part).toBe('database');
  });

  it('names Kafka for kafkajs connection errors, also wrapped', () => {
    const connection = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError' });
    expect(outageOf(connection)).toEqual({ part: 'kafka', reason: connection.message });
    expect(outageOf(Object.assign(new Error('retries'), { name: 'KafkaJSNonRetriableError', cause: connection }))?.part).toBe('kafka');
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(outageOf(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
    expect(outageOf(new TypeError("Cannot read properties of undefined (reading 'citizen')"))).toBeNull();
    expect(errorBodyOf(new TypeError('x'), true)).toBeNull();
  });

  it('answers an outage with 503, the code and the part', () => {
    expect(unavailableCode('trustList')).toBe('TRUST_LIST_UNAVAILABLE');
    expect(errorBodyOf(pgError('53300', 'sorry, too many clients already'), true)).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'the database is unavailable; nothing was changed, try again later',
      code: 'DATABASE_UNAVAILABLE',
      part: 'database',
      errors: [{ field: 'database', reason: 'sorry, too many clients already' }],
    });
  });
});
