export { startProductionCenter } from './start';
export type { ProductionCenterConfig } from './config';
