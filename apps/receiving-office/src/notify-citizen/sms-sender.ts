// The SmsSender design moved to libs/sms (the registry office sends SMS too); re-exported for this app's imports.
export { SMS_SENDER, SMS_SENDERS } from '@idcard/sms';
export type { SmsDelivery, SmsMessage, SmsSender, SmsSenderName } from '@idcard/sms';
