import { isProvinceCode } from '@idcard/contracts';
import { RunningService, ServiceConfig, startService } from '@idcard/service-runtime';
import type { SmsSenderName } from './notify-citizen/sms-sender';
import { ReceivingOfficeModule } from './receiving-office.module';

export type ReceivingOfficeConfig = ServiceConfig & {
  /** How citizens get their SMS; only 'table' (recorded, not sent) exists today. Default 'table'. */
  smsSender?: SmsSenderName;
  /** How often the deadline scheduler runs (ms of real time, default 60 s); 0 = never by itself (call DeadlineScheduler.tick). */
  deadlineTickMs?: number;
  /** Whole CST days left at which an application is warned (default [15, 5]); the breach comes at the due instant. */
  warningDaysLeft?: number[];
  /** Alerts the scheduler claims per transaction (default 500). */
  deadlineBatchSize?: number;
};

/** Starts the receiving office of `config.identity.province`: HTTP (OpenAPI at /docs) and its two Kafka topics. */
export async function startReceivingOffice(config: ReceivingOfficeConfig): Promise<RunningService> {
  const { service, province } = config.identity;
  if (service !== 'receiving-office') throw new Error(`startReceivingOffice was given the identity of a ${service}`);
  if (!isProvinceCode(province)) throw new Error(`${JSON.stringify(province)} is not a province code (11 Beijing … 65 Xinjiang)`);
  return startService(ReceivingOfficeModule.forRoot(config), config, 'Receiving office (受理地)');
}
