export { startProductionCenter } from './start';
export { productionCenterSettingsFrom, readProductionCenterSettings } from './config';
export type { ProductionCenterConfig, ProductionCenterSettings } from './config';
