import { isProvinceCode } from '@idcard/contracts';
import { RunningService, startService } from '@idcard/service-runtime';
import type { ReceivingOfficeConfig } from './config';
import { ReceivingOfficeModule } from './receiving-office.module';

/** Starts the receiving office of `config.identity.province`: HTTP (OpenAPI at /docs) and its two Kafka topics. */
export async function startReceivingOffice(config: ReceivingOfficeConfig): Promise<RunningService> {
  const { service, province } = config.identity;
  if (service !== 'receiving-office') throw new Error(`startReceivingOffice was given the identity of a ${service}`);
  if (!isProvinceCode(province)) throw new Error(`${JSON.stringify(province)} is not a province code (11 Beijing … 65 Xinjiang)`);
  return startService(ReceivingOfficeModule.register(config), config, 'Receiving office (受理地)');
}
