import { DynamicModule, Module } from '@nestjs/common';
import type { ReceivingOfficeSettings } from './config';

/** The receiving office's own settings (config.ts): `@Inject(RECEIVING_OFFICE_SETTINGS) settings: ReceivingOfficeSettings`. */
export const RECEIVING_OFFICE_SETTINGS = Symbol('ReceivingOfficeSettings');

/** Built once by the root module and passed to every feature module that reads a setting. */
@Module({})
export class ReceivingOfficeSettingsModule {
  static register(settings: ReceivingOfficeSettings): DynamicModule {
    const { smsSender, deadlineTickMs, warningDaysLeft, deadlineBatchSize, foundCardKeepDays, foundCardSweepMs, temporaryCardAnswerMs } = settings;
    const own: ReceivingOfficeSettings = {
      smsSender,
      deadlineTickMs,
      warningDaysLeft,
      deadlineBatchSize,
      foundCardKeepDays,
      foundCardSweepMs,
      temporaryCardAnswerMs,
    };
    return { module: ReceivingOfficeSettingsModule, providers: [{ provide: RECEIVING_OFFICE_SETTINGS, useValue: own }], exports: [RECEIVING_OFFICE_SETTINGS] };
  }
}
