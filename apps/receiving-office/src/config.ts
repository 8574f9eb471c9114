import { Environment, ServiceConfig, SettingsReader } from '@idcard/service-runtime';
import { DEFAULT_WARNING_DAYS_LEFT, warningPoints } from './domain/deadline-alerts';
import { SMS_SENDERS, SmsSenderName } from './notify-citizen/sms-sender';

/** The receiving office's own settings, every one with its default applied. */
export interface ReceivingOfficeSettings {
  /** SMS_SENDER: how citizens get their SMS (default table: recorded in sms_notification, nothing sent). */
  smsSender: SmsSenderName;
  /** DEADLINE_TICK_MS: real-time ms between deadline scheduler ticks (default 60000; 0 = no timer, call DeadlineScheduler.tick). */
  deadlineTickMs: number;
  /** DEADLINE_WARNING_DAYS_LEFT: whole CST days left at which an application is warned (default 15,5), most days first. */
  warningDaysLeft: number[];
  /** DEADLINE_BATCH_SIZE: deadline alerts the scheduler claims per transaction (default 500). */
  deadlineBatchSize: number;
}

const RECEIVING_OFFICE_DEFAULTS: ReceivingOfficeSettings = {
  smsSender: 'table',
  deadlineTickMs: 60_000,
  warningDaysLeft: [...DEFAULT_WARNING_DAYS_LEFT],
  deadlineBatchSize: 500,
};

/** Reads every setting of the receiving office; a bad value is recorded on the reader (and its default kept). */
export function readReceivingOfficeSettings(read: SettingsReader): ReceivingOfficeSettings {
  const d = RECEIVING_OFFICE_DEFAULTS;
  let warningDaysLeft = read.integerList('DEADLINE_WARNING_DAYS_LEFT', d.warningDaysLeft, { min: 0, max: 59 });
  try {
    warningDaysLeft = warningPoints(warningDaysLeft);
  } catch (err) {
    read.problem(`DEADLINE_WARNING_DAYS_LEFT: ${(err as Error).message}`);
    warningDaysLeft = d.warningDaysLeft;
  }
  return {
    smsSender: read.oneOf('SMS_SENDER', SMS_SENDERS, d.smsSender),
    deadlineTickMs: read.integer('DEADLINE_TICK_MS', d.deadlineTickMs),
    warningDaysLeft,
    deadlineBatchSize: read.integer('DEADLINE_BATCH_SIZE', d.deadlineBatchSize, { min: 1 }),
  };
}

/** The settings from an environment (a process's, or one a test or npm start writes); throws naming every bad one. */
export function receivingOfficeSettingsFrom(env: Environment): ReceivingOfficeSettings {
  const read = new SettingsReader(env);
  const settings = readReceivingOfficeSettings(read);
  read.check('receiving-office');
  return settings;
}

/** How one receiving office is deployed: the common service configuration and its own settings. */
export type ReceivingOfficeConfig = ServiceConfig & ReceivingOfficeSettings;
