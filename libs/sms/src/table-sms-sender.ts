import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { SmsDelivery, SmsMessage, SmsSender } from './sms-sender';

/** The default: no gateway yet, so an SMS is "sent" by being recorded as sent in the service's SMS table. */
@Injectable()
export class TableSmsSender implements SmsSender {
  readonly name = 'table';
  private readonly logger = new Logger(TableSmsSender.name);

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async send(message: SmsMessage): Promise<SmsDelivery> {
    // Never the phone number or the text in a log line: a receipt or the notification id says which SMS it was.
    this.logger.log({ event: 'sms.recorded', receipt: message.receiptNumber, notificationId: message.notificationId });
    return { sentAt: this.clock.now() };
  }
}
