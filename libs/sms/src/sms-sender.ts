/**
 * One SMS to deliver. A receiving office addresses the citizen by receipt number (the gateway knows the phone); a
 * registry office, which holds the register's phone numbers, by phone number. Exactly one of the two is given.
 */
export interface SmsMessage {
  notificationId: string;
  receiptNumber?: string;
  phoneNumber?: string;
  text: string;
}

/** What the sender reports once the SMS has left. */
export interface SmsDelivery {
  sentAt: Date;
}

/**
 * Delivers SMS. The default records them in the service's SMS table and sends nothing; a real gateway implements
 * this interface and is chosen by SMS_SENDER. `send` may throw: the SMS stays unsent and is retried.
 */
export interface SmsSender {
  /** Recorded with each SMS sent (sent_via). */
  readonly name: string;
  send(message: SmsMessage): Promise<SmsDelivery>;
}

export const SMS_SENDER = Symbol('SmsSender');

/** The SMS senders this build has. */
export const SMS_SENDERS = ['table'] as const;
export type SmsSenderName = (typeof SMS_SENDERS)[number];
