import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { ApplicationsModule } from '../applications/applications.module';
import type { ReceivingOfficeSettings } from '../config';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { NotificationsController } from './notifications.controller';
import { NotifyCitizenService } from './notify-citizen.service';
import { SMS_SENDER, SmsSender, SmsSenderName } from './sms-sender';
import { SmsRelay } from './sms-relay';
import { TableSmsSender } from './table-sms-sender';

/** Every SmsSender of this build, by the name SMS_SENDER chooses it with. */
const SMS_SENDERS_BY_NAME: Record<SmsSenderName, (clock: Clock) => SmsSender> = { table: (clock) => new TableSmsSender(clock) };

/** SMS to citizens: the outbox table, its relay, and the SmsSender chosen by the settings. */
@Module({})
export class NotifyCitizenModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: NotifyCitizenModule,
      imports: [infrastructure, settings, ApplicationsModule],
      controllers: [NotificationsController],
      providers: [
        {
          provide: SMS_SENDER,
          inject: [RECEIVING_OFFICE_SETTINGS, CLOCK],
          useFactory: (settings: ReceivingOfficeSettings, clock: Clock) => SMS_SENDERS_BY_NAME[settings.smsSender](clock),
        },
        SmsRelay,
        NotifyCitizenService,
      ],
      exports: [NotifyCitizenService],
    };
  }
}
