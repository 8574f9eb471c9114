import { SharedOffsetClock, SystemClock } from '@idcard/clock';
import { isProvinceCode, ProvinceCode, ServiceName } from '@idcard/contracts';
import { ensureDatabase, serviceDatabaseName } from '@idcard/database';
import type { ServiceConfig } from './service-runtime';
import { Environment, KafkaConnection, readKafkaConnection, SettingsReader } from '@idcard/settings';
import { readAccessSettings, readBiometricsSettings } from './access-settings';
import { loadServiceTrust, readTrustSettings, TrustSettings } from './trust-settings';
import { readRetentionSettings, RetentionSettings } from './retention/retention-settings';
import { DEFAULT_LAG_SAMPLE_INTERVAL_MS } from './operations/operations-options';

/** The port a service listens on unless told otherwise, the same under npm start and alone: 3000 + province × 10 + 0 registry, 1 production, 2 receiving. */
export function defaultHttpPort(service: ServiceName, province: string): number {
  const offset: Record<ServiceName, number> = { 'registry-office': 0, 'production-center': 1, 'receiving-office': 2 };
  return 3000 + Number(province) * 10 + offset[service];
}

/** What every service process reads from its environment, before the settings of its own. */
export interface ServiceSettings {
  /** PROVINCE_CODE: whose service this deployment is. */
  province: ProvinceCode;
  /** DATABASE_URL: a PostgreSQL server; the service keeps its own database (e.g. registry_office_44) on it. */
  serverUrl: string;
  /** KAFKA_BROKERS: comma-separated bootstrap servers. */
  kafkaBrokers: string[];
  /** HTTP_PORT (default: see defaultHttpPort) and HTTP_HOST (default 127.0.0.1). */
  httpPort: number;
  httpHost: string;
  /** LOG_LEVELS: comma-separated Nest levels (default log,warn,error). */
  logLevels: string[];
  /** DATABASE_POOL_SIZE (default 10): most connections this process holds to PostgreSQL. */
  databasePoolSize: number;
  /** KAFKA_MAX_WAIT_MS (default 1000): longest a consumer's fetch waits for data, and so a shutdown for a fetch. */
  kafkaMaxWaitMs: number;
  /** LAG_SAMPLE_INTERVAL_MS (default 2000): how often the service samples its consumer groups' lag from the broker. */
  lagSampleIntervalMs: number;
  /** KAFKA_SSL*, KAFKA_SASL_*: how to reach a real deployment's cluster. */
  kafkaConnection: KafkaConnection;
  /** SIGNING_KEY, TRUST_LIST, TRUST_ROOT_KEY (or TRUST_DIR), TRUST_LIST_RELOAD_MS, MESSAGE_MAX_AGE_MS, MESSAGE_MAX_AHEAD_MS. */
  trust: TrustSettings;
  /** RETENTION_TICK_MS, OUTBOX_RETENTION_DAYS, INBOX_RETENTION_DAYS, BIOMETRICS_RETENTION_DAYS. */
  retention: RetentionSettings;
}

export function readServiceSettings(service: ServiceName, read: SettingsReader): ServiceSettings {
  const province = read.required('PROVINCE_CODE', 'the province whose service this is (11 … 65)');
  if (province && !isProvinceCode(province)) read.problem(`PROVINCE_CODE must be one of the 31 province codes (11 … 65), got ${JSON.stringify(province)}`);
  const serverUrl = read.required('DATABASE_URL', 'a postgres:// URL of a PostgreSQL server');
  if (serverUrl && !/^postgres(ql)?:\/\//.test(serverUrl)) read.problem('DATABASE_URL must be a postgres:// URL of a PostgreSQL server');
  const kafkaBrokers = read.list('KAFKA_BROKERS');
  if (kafkaBrokers.length === 0) read.problem('KAFKA_BROKERS must list at least one host:port');
  const fallbackPort = isProvinceCode(province) ? defaultHttpPort(service, province) : 3000;
  const settings = {
    province: province as ProvinceCode,
    serverUrl,
    kafkaBrokers,
    httpPort: read.integer('HTTP_PORT', fallbackPort, { max: 65535 }),
    httpHost: read.text('HTTP_HOST', '127.0.0.1'),
    logLevels: read.list('LOG_LEVELS', ['log', 'warn', 'error']),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, { min: 1 }),
    kafkaMaxWaitMs: read.integer('KAFKA_MAX_WAIT_MS', 1000, { min: 1 }),
    lagSampleIntervalMs: read.integer('LAG_SAMPLE_INTERVAL_MS', DEFAULT_LAG_SAMPLE_INTERVAL_MS, { min: 100 }),
    kafkaConnection: readKafkaConnection(read),
    trust: readTrustSettings(read, service, province),
  };
  return { ...settings, retention: readRetentionSettings(read, settings.trust.allowedSkew) };
}

/**
 * A service's whole configuration from its process environment: the common settings and its own (read by
 * `readOwn` from the same reader), checked together so that one error names every bad variable, then its
 * database made sure of on the server.
 */
export async function serviceConfigFromEnv<Own extends object>(
  service: ServiceName,
  env: Environment,
  readOwn: (read: SettingsReader) => Own,
): Promise<ServiceConfig & Own> {
  const read = new SettingsReader(env);
  // CLOCK_OFFSET_FILE: time a development driver moves for every process at once (the chaos drill); never in production.
  const offsetFile = read.text('CLOCK_OFFSET_FILE');
  const clock = offsetFile ? new SharedOffsetClock(offsetFile) : new SystemClock();
  const common = readServiceSettings(service, read);
  const access = readAccessSettings(read, clock);
  const biometrics = readBiometricsSettings(read);
  const own = readOwn(read);
  read.check(service);
  const identity = { service, province: common.province };
  // The trust list before the database: a service that could not sign or judge messages must not start at all.
  const trust = await loadServiceTrust(identity, common.trust, clock);
  const databaseUrl = await ensureDatabase(common.serverUrl, serviceDatabaseName(service, common.province));
  return {
    ...own,
    identity,
    databaseUrl,
    kafkaBrokers: common.kafkaBrokers,
    kafkaConnection: common.kafkaConnection,
    clock,
    trust,
    trustReloadIntervalMs: common.trust.reloadIntervalMs,
    access: access(),
    biometrics: biometrics(),
    httpPort: common.httpPort,
    httpHost: common.httpHost,
    logLevels: common.logLevels,
    databasePoolSize: common.databasePoolSize,
    maxWaitTimeInMs: common.kafkaMaxWaitMs,
    lagSampleIntervalMs: common.lagSampleIntervalMs,
    retention: common.retention,
  };
}
