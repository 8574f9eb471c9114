/** One SMS to deliver. The citizen is addressed by receipt number: the gateway, not this office, knows the phone. */
export interface SmsMessage {
  notificationId: string;
  receiptNumber: string;
  text: string;
}

/** What the sender reports once the SMS has left. */
export interface SmsDelivery {
  sentAt: Date;
}

/**
 * Delivers SMS. The default records them in sms_notification and sends nothing; a real gateway implements this
 * interface, is added to NotifyCitizenModule and is chosen by SMS_SENDER (config.ts). `send` may throw: the SMS
 * stays unsent and is retried.
 */
export interface SmsSender {
  /** Recorded with each SMS sent (sms_notification.sent_via). */
  readonly name: string;
  send(message: SmsMessage): Promise<SmsDelivery>;
}

export const SMS_SENDER = Symbol('SmsSender');

/** The SMS senders this build has. */
export const SMS_SENDERS = ['table'] as const;
export type SmsSenderName = (typeof SMS_SENDERS)[number];
