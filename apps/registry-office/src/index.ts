export { startRegistryOffice } from './start';
export { readRegistryOfficeSettings, registryOfficeSettingsFrom } from './config';
export type { RegistryOfficeConfig, RegistryOfficeSettings } from './config';
