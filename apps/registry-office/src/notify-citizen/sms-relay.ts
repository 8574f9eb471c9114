import { Inject, Injectable } from '@nestjs/common';
import { sealedText } from '@idcard/biometrics';
import { SMS_SENDER, SmsMessage, SmsOutboxRelay, SmsSender, UnsentSms } from '@idcard/sms';
import { DataSource } from 'typeorm';

/** The registry's SMS outbox, addressed by the register's phone number; its text is sealed at rest (a one-time code). */
@Injectable()
export class SmsRelay extends SmsOutboxRelay {
  protected readonly addressColumn = 'phone_number';

  constructor(dataSource: DataSource, @Inject(SMS_SENDER) sender: SmsSender) {
    super(dataSource, sender);
  }

  protected messageOf(row: UnsentSms): SmsMessage {
    return { notificationId: String(row.id), phoneNumber: row.address, text: sealedText.from(row.text)! };
  }
}
