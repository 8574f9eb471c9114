export { startRegistryOffice } from './start';
export type { RegistryOfficeConfig } from './start';
