// SMS to citizens: the sender interface every service's SMS relay delivers through, and the default sender.
export * from './sms-sender';
export * from './table-sms-sender';
export * from './sms-outbox-relay';
