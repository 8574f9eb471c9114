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
});
