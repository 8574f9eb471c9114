import { isOutage } from './kafka-inbox.transport';

describe('telling a database outage from a bad message', () => {
  it('treats connection failures as an outage, to be waited out', () => {
    expect(isOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isOutage({ message: 'terminating connection due to administrator command', driverError: { code: '57P01' } })).toBe(true);
    expect(isOutage(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true); // rolled back: run it again
  });

  it('knows the outage by its message when the driver gives no code, in any case', () => {
    expect(isOutage(new Error('timeout exceeded when trying to connect: Connection timeout'))).toBe(true);
    expect(isOutage(new Error('connection refused by the pool'))).toBe(true);
    expect(isOutage(new Error('the database system is starting up'))).toBe(true);
    expect(isOutage(new Error('FATAL: The database system is shutting down'))).toBe(true);
    expect(isOutage(Object.assign(new Error('connection terminated'), { code: '23505' }))).toBe(true);
  });

  it('treats everything else as the message failing, counted towards dead-lettering', () => {
    expect(isOutage(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isOutage(new TypeError("Cannot read properties of undefined (reading 'citizen')"))).toBe(false);
    expect(isOutage(null)).toBe(false);
    expect(isOutage({})).toBe(false);
  });
});
