export { startReceivingOffice } from './start';
export { readReceivingOfficeSettings, receivingOfficeSettingsFrom } from './config';
export type { ReceivingOfficeConfig, ReceivingOfficeSettings } from './config';
export type { SmsDelivery, SmsMessage, SmsSender } from './notify-citizen/sms-sender';
export { DeadlineScheduler } from './watch-deadlines/deadline-scheduler';
export type { TickResult } from './watch-deadlines/deadline-scheduler';
