import { readReceivingOfficeEnv } from './env';

describe('receiving office settings', () => {
  it('reads a complete environment, with defaults for the rest', () => {
    expect(readReceivingOfficeEnv({ PROVINCE_CODE: '65', DATABASE_URL: 'postgres://u:p@db:5432/postgres', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      province: '65',
      serverUrl: 'postgres://u:p@db:5432/postgres',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpPort: 3000,
      httpHost: '127.0.0.1',
      logLevels: undefined,
      smsSender: 'table',
    });
  });

  it('names every missing or bad setting at once', () => {
    const read = () => readReceivingOfficeEnv({ PROVINCE_CODE: '99', HTTP_PORT: 'eighty', SMS_SENDER: 'carrier-pigeon' });
    expect(read).toThrow(/PROVINCE_CODE.*DATABASE_URL.*KAFKA_BROKERS.*HTTP_PORT.*SMS_SENDER/);
  });

  it('reads the deadline scheduler settings', () => {
    const base = { PROVINCE_CODE: '65', DATABASE_URL: 'postgres://db/postgres', KAFKA_BROKERS: 'k:9092' };
    expect(readReceivingOfficeEnv({ ...base, DEADLINE_TICK_MS: '5000', DEADLINE_WARNING_DAYS_LEFT: '20, 10,3' })).toMatchObject({ deadlineTickMs: 5000, warningDaysLeft: [20, 10, 3] });
    expect(() => readReceivingOfficeEnv({ ...base, DEADLINE_TICK_MS: 'soon', DEADLINE_WARNING_DAYS_LEFT: '60' })).toThrow(/DEADLINE_TICK_MS.*DEADLINE_WARNING_DAYS_LEFT/);
  });
});
