import { readServiceSettings, serviceConfigFromEnv, SettingsError, SettingsReader } from '@idcard/service-runtime';
import { readRegistryOfficeSettings, readSeedTarget, registryOfficeSettingsFrom } from './config';

const complete = { PROVINCE_CODE: '44', DATABASE_URL: 'postgres://u:p@db:5432/postgres', KAFKA_BROKERS: 'k1:9092, k2:9092', TRUST_DIR: '/keys' };

describe('registry settings', () => {
  const defaults = {
    verificationRateLimitPerMinute: 120,
    citizenCodeRateLimitPerMinute: 5,
    citizenTokenKeyFile: undefined,
    expirySweepMs: 60_000,
    smsSender: 'table',
  };

  it('has defaults for every setting of its own (issue 12)', () => {
    expect(registryOfficeSettingsFrom({})).toEqual(defaults);
    expect(registryOfficeSettingsFrom(complete)).toEqual(defaults);
    expect(readRegistryOfficeSettings(new SettingsReader({}))).toEqual(defaults);
  });

  it('reads its own settings and names every bad one', () => {
    const env = {
      VERIFICATION_RATE_LIMIT_PER_MINUTE: '10',
      CITIZEN_TOKEN_KEY_FILE: '/keys/citizen.key',
      EXPIRY_SWEEP_MS: '5000',
      CITIZEN_CODE_RATE_LIMIT_PER_MINUTE: '2',
    };
    expect(registryOfficeSettingsFrom(env)).toEqual({
      ...defaults,
      verificationRateLimitPerMinute: 10,
      citizenCodeRateLimitPerMinute: 2,
      citizenTokenKeyFile: '/keys/citizen.key',
      expirySweepMs: 5000,
    });
    expect(() => registryOfficeSettingsFrom({ VERIFICATION_RATE_LIMIT_PER_MINUTE: '0', SMS_SENDER: 'pigeon' })).toThrow(
      /VERIFICATION_RATE_LIMIT_PER_MINUTE[\s\S]*SMS_SENDER|SMS_SENDER[\s\S]*VERIFICATION_RATE_LIMIT_PER_MINUTE/,
    );
  });

  it('reads the common settings with the registry defaults (port 3000 + province × 10)', () => {
    const read = new SettingsReader(complete);
    expect(readServiceSettings('registry-office', read)).toEqual({
      province: '44',
      serverUrl: 'postgres://u:p@db:5432/postgres',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      httpPort: 3440,
      httpHost: '127.0.0.1',
      logLevels: ['log', 'warn', 'error'],
      kafkaConnection: { ssl: false, sasl: undefined },
      trust: {
        signingKeyFiles: ['/keys/services/registry-office-44.key'],
        trustListSource: '/keys/trust-list.json',
        rootPublicKeyFiles: ['/keys/root.pub'],
        reloadIntervalMs: 10_000,
        allowedSkew: { pastMs: 30 * 86_400_000, futureMs: 300_000 },
      },
      retention: { tickMs: 3_600_000, outboxSentDays: 7, inboxAppliedDays: 31, biometricsDays: 90 },
      databasePoolSize: 10,
      kafkaMaxWaitMs: 1000,
      lagSampleIntervalMs: 2000,
    });
    expect(readRegistryOfficeSettings(read)).toEqual(defaults);
    expect(() => read.check('registry-office')).not.toThrow();
  });

  it('names every bad setting at once, before it touches the database', async () => {
    const refused = serviceConfigFromEnv('registry-office', { PROVINCE_CODE: '99', HTTP_PORT: 'eighty' }, readRegistryOfficeSettings);
    await expect(refused).rejects.toThrow(SettingsError);
    const everyProblem = /^registry-office cannot start: PROVINCE_CODE must be one of.*"99".*DATABASE_URL must be set.*KAFKA_BROKERS must list/;
    await expect(refused).rejects.toThrow(everyProblem);
    await expect(refused).rejects.toThrow(/; HTTP_PORT must be a whole number from 0 to 65535, got "eighty"; SIGNING_KEY must name/);
    await expect(refused).rejects.toThrow(/TRUST_LIST must be .*; TRUST_ROOT_KEY must name .*\(or TRUST_DIR a key directory\); AUTH_JWKS_URL/);
    await expect(refused).rejects.toThrow(/AUTH_ISSUER must be set.*AUTH_AUDIENCE must be set.*BIOMETRICS_KEY or BIOMETRICS_KEY_FILE must/);
  });
});

describe('readSeedTarget', () => {
  it('takes the province from the command line, else PROVINCE_CODE', () => {
    expect(readSeedTarget(new SettingsReader(complete), '65')).toEqual({ province: '65', serverUrl: complete.DATABASE_URL });
    expect(readSeedTarget(new SettingsReader(complete))).toEqual({ province: '44', serverUrl: complete.DATABASE_URL });
  });

  it('names every problem at once', () => {
    const read = new SettingsReader({ DATABASE_URL: 'mysql://db' });
    readSeedTarget(read, '99');
    expect(() => read.check('registry-office seed')).toThrow(/province codes.*"99".*DATABASE_URL must be a postgres:\/\/ URL/);
    const unset = new SettingsReader({});
    readSeedTarget(unset);
    expect(() => unset.check('seed')).toThrow(/PROVINCE_CODE must be set.*DATABASE_URL must be set/);
  });
});
