import { isProvinceCode, ProvinceCode } from '@idcard/contracts';

/** What every service process reads from its environment. */
export interface ServiceEnv {
  /** PROVINCE_CODE: whose service this deployment is. */
  province: ProvinceCode;
  /** DATABASE_URL: a PostgreSQL server; the service keeps its own database (e.g. registry_office_44) on it. */
  serverUrl: string;
  /** KAFKA_BROKERS: comma-separated bootstrap servers. */
  kafkaBrokers: string[];
  /** HTTP_PORT (default 3000) and HTTP_HOST (default 127.0.0.1). */
  httpPort: number;
  httpHost: string;
  /** LOG_LEVELS: comma-separated, e.g. log,warn,error (the default). */
  logLevels?: string[];
}

/**
 * Reads the common settings, adding what is wrong to `problems`, so a service can add its own checks and then
 * refuse to start naming every bad setting at once.
 */
export function readServiceEnv(env: Record<string, string | undefined>, problems: string[]): ServiceEnv {
  const province = env.PROVINCE_CODE?.trim() ?? '';
  if (!isProvinceCode(province)) problems.push(`PROVINCE_CODE must be one of the 31 province codes (11 … 65), got ${JSON.stringify(env.PROVINCE_CODE ?? '')}`);
  const serverUrl = env.DATABASE_URL?.trim() ?? '';
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) problems.push('DATABASE_URL must be a postgres:// URL of a PostgreSQL server');
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (kafkaBrokers.length === 0) problems.push('KAFKA_BROKERS must list at least one host:port');
  const httpPort = env.HTTP_PORT?.trim() ? Number(env.HTTP_PORT) : 3000;
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535) problems.push(`HTTP_PORT must be a port number, got ${JSON.stringify(env.HTTP_PORT)}`);
  const logLevels = env.LOG_LEVELS?.split(',').map((l) => l.trim()).filter(Boolean);
  return { province: province as ProvinceCode, serverUrl, kafkaBrokers, httpPort, httpHost: env.HTTP_HOST?.trim() || '127.0.0.1', logLevels };
}
