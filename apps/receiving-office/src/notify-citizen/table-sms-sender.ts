// The default SmsSender moved to libs/sms with the interface; re-exported for this app's imports.
export { TableSmsSender } from '@idcard/sms';
