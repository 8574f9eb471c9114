import { DynamicModule, Module } from '@nestjs/common';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from './config';

/** The centre's settings (PRODUCTION_CENTER_SETTINGS) as a module: built once by the root module, imported by the features that read them. */
@Module({})
export class ProductionCenterSettingsModule {
  static register(settings: ProductionCenterSettings): DynamicModule {
    return {
      module: ProductionCenterSettingsModule,
      providers: [{ provide: PRODUCTION_CENTER_SETTINGS, useValue: settings }],
      exports: [PRODUCTION_CENTER_SETTINGS],
    };
  }
}
