import { isProvinceCode } from '@idcard/contracts';
import { RunningService, startService } from '@idcard/service-runtime';
import type { ProductionCenterConfig } from './config';
import { ProductionCenterModule } from './production-center.module';

/** Starts one province's production centre: HTTP, its order consumer, the production line and the dispatcher. */
export function startProductionCenter(config: ProductionCenterConfig): Promise<RunningService> {
  if (config.identity.service !== 'production-center')
    throw new Error(`startProductionCenter needs identity.service 'production-center', not ${config.identity.service}`);
  if (!isProvinceCode(config.identity.province)) throw new Error(`province ${JSON.stringify(config.identity.province)} is not one of the 31 province codes`);
  return startService(ProductionCenterModule.register(config), config, 'Production centre (省厅制证)');
}
