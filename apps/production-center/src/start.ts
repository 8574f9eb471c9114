import { RunningService, startService } from '@idcard/service-runtime';
import { ProductionCenterConfig } from './config';
import { ProductionCenterModule } from './production-center.module';

/** Starts one province's production centre: HTTP, its order consumer, the production line and the dispatcher. */
export function startProductionCenter(config: ProductionCenterConfig): Promise<RunningService> {
  if (config.identity.service !== 'production-center') throw new Error(`startProductionCenter needs identity.service 'production-center', not ${config.identity.service}`);
  return startService(ProductionCenterModule.forRoot(config), config, 'Production centre (省厅制证)');
}
