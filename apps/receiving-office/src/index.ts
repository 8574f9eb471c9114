export { startReceivingOffice } from './start';
export type { ReceivingOfficeConfig } from './start';
export type { SmsDelivery, SmsMessage, SmsSender } from './notify-citizen/sms-sender';
export { DeadlineScheduler } from './watch-deadlines/deadline-scheduler';
export type { TickResult } from './watch-deadlines/deadline-scheduler';
