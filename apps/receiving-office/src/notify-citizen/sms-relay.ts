import { Inject, Injectable } from '@nestjs/common';
import { SmsMessage, SmsOutboxRelay, UnsentSms } from '@idcard/sms';
import { DataSource } from 'typeorm';
import { SMS_SENDER, SmsSender } from './sms-sender';

/** The receiving office's SMS outbox, addressed by receipt number: the gateway, not this office, knows the phone. */
@Injectable()
export class SmsRelay extends SmsOutboxRelay {
  protected readonly addressColumn = 'receipt_number';

  constructor(dataSource: DataSource, @Inject(SMS_SENDER) sender: SmsSender) {
    super(dataSource, sender);
  }

  protected messageOf(row: UnsentSms): SmsMessage {
    return { notificationId: String(row.id), receiptNumber: row.address, text: row.text };
  }
}
