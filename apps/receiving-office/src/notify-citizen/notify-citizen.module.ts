import { DynamicModule, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotifyCitizenService } from './notify-citizen.service';
import { SMS_SENDER, SMS_SENDERS, SmsSenderName } from './sms-sender';
import { SmsRelay } from './sms-relay';
import { TableSmsSender } from './table-sms-sender';

/** SMS to citizens: the outbox table, its relay, and the SmsSender chosen by configuration. */
@Module({})
export class NotifyCitizenModule {
  static forRoot(smsSender: SmsSenderName = 'table'): DynamicModule {
    if (!SMS_SENDERS.includes(smsSender)) throw new Error(`unknown smsSender ${JSON.stringify(smsSender)}; this build has ${SMS_SENDERS.join(', ')}`);
    return {
      module: NotifyCitizenModule,
      global: true,
      controllers: [NotificationsController],
      providers: [{ provide: SMS_SENDER, useClass: TableSmsSender }, SmsRelay, NotifyCitizenService],
      exports: [NotifyCitizenService],
    };
  }
}
