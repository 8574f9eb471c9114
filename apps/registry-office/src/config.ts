import { isProvinceCode, ProvinceCode } from '@idcard/contracts';
import { Environment, ServiceConfig, SettingsReader } from '@idcard/service-runtime';
import { SMS_SENDERS, SmsSenderName } from '@idcard/sms';

/**
 * The registry office's settings of its own, every one with its default applied (issue 12, lost cards); the rest is
 * what every service reads (PROVINCE_CODE, DATABASE_URL, KAFKA_BROKERS, …, in libs/service-runtime).
 */
export interface RegistryOfficeSettings {
  /** VERIFICATION_RATE_LIMIT_PER_MINUTE (default 120): POST /verifications per verifier client a minute. */
  verificationRateLimitPerMinute: number;
  /** CITIZEN_CODE_RATE_LIMIT_PER_MINUTE (default 5): one-time-code and sign-in requests per address a minute. */
  citizenCodeRateLimitPerMinute: number;
  /**
   * CITIZEN_TOKEN_KEY_FILE: the Ed25519 private key (PEM) the citizen channel signs its session tokens with, made
   * there on first start when absent. Unset: a key generated in memory at start (sessions end with the process; one
   * replica only — development and tests).
   */
  citizenTokenKeyFile?: string;
  /** EXPIRY_SWEEP_MS (default 60000): how often cards past their last valid day are invalidated as expired. */
  expirySweepMs: number;
  /** SMS_SENDER (default table): the SmsSender the registry's SMS go through. */
  smsSender: SmsSenderName;
}

/** Reads every variable of the registry's own through the reader; problems are recorded there, not thrown. */
export function readRegistryOfficeSettings(read: SettingsReader): RegistryOfficeSettings {
  return {
    verificationRateLimitPerMinute: read.integer('VERIFICATION_RATE_LIMIT_PER_MINUTE', 120, { min: 1 }),
    citizenCodeRateLimitPerMinute: read.integer('CITIZEN_CODE_RATE_LIMIT_PER_MINUTE', 5, { min: 1 }),
    citizenTokenKeyFile: read.text('CITIZEN_TOKEN_KEY_FILE'),
    expirySweepMs: read.integer('EXPIRY_SWEEP_MS', 60_000, { min: 100 }),
    smsSender: read.oneOf('SMS_SENDER', SMS_SENDERS, 'table'),
  };
}

/** The registry's own settings from an environment (or a record in its form), or one error naming every bad one. */
export function registryOfficeSettingsFrom(env: Environment): RegistryOfficeSettings {
  const read = new SettingsReader(env);
  const settings = readRegistryOfficeSettings(read);
  read.check('registry-office');
  return settings;
}

/** How one province's registry office is deployed. */
export type RegistryOfficeConfig = ServiceConfig & RegistryOfficeSettings;

/** Where the seeding tool (src/seed.ts) puts a synthetic register: a province and the PostgreSQL server of its database. */
export interface SeedTarget {
  /** --province, else PROVINCE_CODE. */
  province: ProvinceCode;
  /** DATABASE_URL: the server; the register goes into the service's own database on it (registry_office_44). */
  serverUrl: string;
}

/** The seeding tool's target, from the variables the service reads (the province may come from its command line). */
export function readSeedTarget(read: SettingsReader, provinceArgument?: string): SeedTarget {
  const province = provinceArgument ?? read.required('PROVINCE_CODE', 'the province whose register is seeded (or --province)');
  if (province && !isProvinceCode(province)) read.problem(`the province must be one of the 31 province codes (11 … 65), got ${JSON.stringify(province)}`);
  const serverUrl = read.required('DATABASE_URL', 'a postgres:// URL of a PostgreSQL server');
  if (serverUrl && !/^postgres(ql)?:\/\//.test(serverUrl)) read.problem('DATABASE_URL must be a postgres:// URL of a PostgreSQL server');
  return { province: province as ProvinceCode, serverUrl };
}
