import { readRegistryEnv } from './env';

describe('readRegistryEnv', () => {
  it('reads a complete environment with defaults for HTTP', () => {
    expect(readRegistryEnv({ PROVINCE_CODE: '44', DATABASE_URL: 'postgres://u:p@db:5432/postgres', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      province: '44',
      serverUrl: 'postgres://u:p@db:5432/postgres',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpPort: 3000,
      httpHost: '127.0.0.1',
      logLevels: undefined,
    });
  });

  it('names every bad setting at once', () => {
    expect(() => readRegistryEnv({ PROVINCE_CODE: '99', HTTP_PORT: 'eighty' })).toThrow(
      /PROVINCE_CODE must be one of.*"99".*DATABASE_URL must be.*KAFKA_BROKERS must list.*HTTP_PORT must be a port number, got "eighty"/,
    );
  });

  it('takes log levels and host', () => {
    expect(readRegistryEnv({ PROVINCE_CODE: '65', DATABASE_URL: 'postgresql://db/x', KAFKA_BROKERS: 'k:9092', HTTP_HOST: '0.0.0.0', HTTP_PORT: '3652', LOG_LEVELS: 'warn,error' })).toMatchObject({
      httpHost: '0.0.0.0',
      httpPort: 3652,
      logLevels: ['warn', 'error'],
    });
  });
});
