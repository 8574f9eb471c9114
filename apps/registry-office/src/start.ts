import { isProvinceCode } from '@idcard/contracts';
import { RunningService, startService } from '@idcard/service-runtime';
import type { RegistryOfficeConfig } from './config';
import { RegistryOfficeModule } from './registry-office.module';

/** Starts the registry office of `config.identity.province`: HTTP (OpenAPI at /docs) and its two Kafka topics. */
export async function startRegistryOffice(config: RegistryOfficeConfig): Promise<RunningService> {
  const { service, province } = config.identity;
  if (service !== 'registry-office') throw new Error(`startRegistryOffice was given the identity of a ${service}`);
  if (!isProvinceCode(province)) throw new Error(`${JSON.stringify(province)} is not a province code (11 Beijing … 65 Xinjiang)`);
  return startService(RegistryOfficeModule.register(config), config, 'Registry office (户籍地)');
}
