import { isProvinceCode, ProvinceCode } from '@idcard/contracts';
import { SMS_SENDERS, SmsSenderName } from './notify-citizen/sms-sender';

/** The receiving office's settings, from the environment of its process. */
export interface ReceivingOfficeEnv {
  /** PROVINCE_CODE: the province this office serves. */
  province: ProvinceCode;
  /** DATABASE_URL: a PostgreSQL server; the service keeps its own database receiving_office_<province> on it. */
  serverUrl: string;
  /** KAFKA_BROKERS: comma-separated bootstrap servers. */
  kafkaBrokers: string[];
  /** HTTP_PORT (default 3000) and HTTP_HOST (default 127.0.0.1). */
  httpPort: number;
  httpHost: string;
  /** LOG_LEVELS: comma-separated, e.g. log,warn,error (the default). */
  logLevels?: string[];
  /** SMS_SENDER: how citizens get their SMS (default table: recorded in sms_notification). */
  smsSender: SmsSenderName;
  /** DEADLINE_TICK_MS: how often the deadline scheduler runs (default 60000; 0 = never by itself). */
  deadlineTickMs?: number;
  /** DEADLINE_WARNING_DAYS_LEFT: comma-separated days left at which to warn (default 15,5). */
  warningDaysLeft?: number[];
}

/** Reads the settings, or throws naming every missing or bad one. */
export function readReceivingOfficeEnv(env: Record<string, string | undefined>): ReceivingOfficeEnv {
  const problems: string[] = [];
  const province = env.PROVINCE_CODE?.trim() ?? '';
  if (!isProvinceCode(province)) problems.push(`PROVINCE_CODE must be one of the 31 province codes (11 … 65), got ${JSON.stringify(env.PROVINCE_CODE ?? '')}`);
  const serverUrl = env.DATABASE_URL?.trim() ?? '';
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) problems.push('DATABASE_URL must be a postgres:// URL of a PostgreSQL server');
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (kafkaBrokers.length === 0) problems.push('KAFKA_BROKERS must list at least one host:port');
  const httpPort = env.HTTP_PORT?.trim() ? Number(env.HTTP_PORT) : 3000;
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535) problems.push(`HTTP_PORT must be a port number, got ${JSON.stringify(env.HTTP_PORT)}`);
  const smsSender = env.SMS_SENDER?.trim() || 'table';
  if (!(SMS_SENDERS as readonly string[]).includes(smsSender)) problems.push(`SMS_SENDER must be one of ${SMS_SENDERS.join(', ')}, got ${JSON.stringify(smsSender)}`);
  const logLevels = env.LOG_LEVELS?.split(',').map((l) => l.trim()).filter(Boolean);
  const tickRaw = env.DEADLINE_TICK_MS?.trim();
  if (tickRaw && !/^\d+$/.test(tickRaw)) problems.push(`DEADLINE_TICK_MS must be a whole number of milliseconds, got ${JSON.stringify(tickRaw)}`);
  const warningsRaw = env.DEADLINE_WARNING_DAYS_LEFT?.split(',').map((d) => d.trim()).filter(Boolean);
  if (warningsRaw?.some((d) => !/^\d{1,2}$/.test(d) || Number(d) > 59)) problems.push(`DEADLINE_WARNING_DAYS_LEFT must list days left from 0 to 59, e.g. 15,5, got ${JSON.stringify(env.DEADLINE_WARNING_DAYS_LEFT)}`);
  if (problems.length) throw new Error(`receiving-office cannot start: ${problems.join('; ')}`);
  return {
    province: province as ProvinceCode,
    serverUrl,
    kafkaBrokers,
    httpPort,
    httpHost: env.HTTP_HOST?.trim() || '127.0.0.1',
    logLevels,
    smsSender: smsSender as SmsSenderName,
    ...(tickRaw ? { deadlineTickMs: Number(tickRaw) } : {}),
    ...(warningsRaw?.length ? { warningDaysLeft: warningsRaw.map(Number) } : {}),
  };
}
