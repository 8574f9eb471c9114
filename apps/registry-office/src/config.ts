import { isProvinceCode, ProvinceCode } from '@idcard/contracts';
import { Environment, ServiceConfig, SettingsReader } from '@idcard/service-runtime';

/**
 * The registry office's settings of its own, every one with its default applied. It has none yet: everything
 * it needs is what every service reads (PROVINCE_CODE, DATABASE_URL, KAFKA_BROKERS, HTTP_PORT, HTTP_HOST,
 * LOG_LEVELS, in libs/service-runtime's service-settings.ts). The shape is there so that every app has the same.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no settings of its own yet; see above
export interface RegistryOfficeSettings {}

/** Reads every variable of the registry's own (none yet) through the reader; problems are recorded there, not thrown. */
export function readRegistryOfficeSettings(_read: SettingsReader): RegistryOfficeSettings {
  return {};
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
