import { DynamicModule, Module } from '@nestjs/common';
import type { RegistryOfficeSettings } from './config';

/** The registry office's own settings (config.ts): `@Inject(REGISTRY_OFFICE_SETTINGS) settings: RegistryOfficeSettings`. */
export const REGISTRY_OFFICE_SETTINGS = Symbol('RegistryOfficeSettings');

/** Built once by the root module and passed to every feature module that reads a setting. */
@Module({})
export class RegistryOfficeSettingsModule {
  static register(settings: RegistryOfficeSettings): DynamicModule {
    const { verificationRateLimitPerMinute, citizenCodeRateLimitPerMinute, citizenTokenKeyFile, expirySweepMs, smsSender } = settings;
    const own: RegistryOfficeSettings = { verificationRateLimitPerMinute, citizenCodeRateLimitPerMinute, citizenTokenKeyFile, expirySweepMs, smsSender };
    return { module: RegistryOfficeSettingsModule, providers: [{ provide: REGISTRY_OFFICE_SETTINGS, useValue: own }], exports: [REGISTRY_OFFICE_SETTINGS] };
  }
}
