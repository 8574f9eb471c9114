import { Environment, ServiceConfig, SettingsReader } from '@idcard/service-runtime';
import { DEFAULT_WARNING_DAYS_LEFT, warningPoints } from './domain/deadline-alerts';
import { DEFAULT_FOUND_CARD_KEEP_DAYS } from './domain/found-card';
import { DEFAULT_TEMPORARY_CARD_ANSWER_MS } from './domain/temporary-card';
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
  /** FOUND_CARD_KEEP_DAYS: days a found card the registry asked to return waits for its holder before it is destroyed (default 90). */
  foundCardKeepDays: number;
  /** FOUND_CARD_SWEEP_MS: real-time ms between sweeps for uncollected found cards (default 3600000; 0 = only on POST /found-cards/sweep). */
  foundCardSweepMs: number;
  /** TEMPORARY_CARD_ANSWER_MS: how long the counter waits for the home registry's answer to a temporary ID request (default 5000). */
  temporaryCardAnswerMs: number;
}

const RECEIVING_OFFICE_DEFAULTS: ReceivingOfficeSettings = {
  smsSender: 'table',
  deadlineTickMs: 60_000,
  warningDaysLeft: [...DEFAULT_WARNING_DAYS_LEFT],
  deadlineBatchSize: 500,
  foundCardKeepDays: DEFAULT_FOUND_CARD_KEEP_DAYS,
  foundCardSweepMs: 3_600_000,
  temporaryCardAnswerMs: DEFAULT_TEMPORARY_CARD_ANSWER_MS,
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
    foundCardKeepDays: read.integer('FOUND_CARD_KEEP_DAYS', d.foundCardKeepDays, { min: 1 }),
    foundCardSweepMs: read.integer('FOUND_CARD_SWEEP_MS', d.foundCardSweepMs),
    temporaryCardAnswerMs: read.integer('TEMPORARY_CARD_ANSWER_MS', d.temporaryCardAnswerMs, { min: 100, max: 60_000 }),
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
