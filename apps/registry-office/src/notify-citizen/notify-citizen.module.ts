import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { SMS_SENDER, SmsSender, SmsSenderName, TableSmsSender } from '@idcard/sms';
import type { RegistryOfficeSettings } from '../config';
import { REGISTRY_OFFICE_SETTINGS } from '../settings.module';
import { SmsOutbox } from './sms-outbox';
import { SmsRelay } from './sms-relay';

/** Every SmsSender of this build, by the name SMS_SENDER chooses it with. */
const SMS_SENDERS_BY_NAME: Record<SmsSenderName, (clock: Clock) => SmsSender> = { table: (clock) => new TableSmsSender(clock) };

/** SMS to citizens at the register's phone numbers (one-time codes, found cards): the outbox table, its relay, the sender. */
@Module({})
export class NotifyCitizenModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: NotifyCitizenModule,
      imports: [infrastructure, settings],
      providers: [
        {
          provide: SMS_SENDER,
          inject: [REGISTRY_OFFICE_SETTINGS, CLOCK],
          useFactory: (s: RegistryOfficeSettings, clock: Clock) => SMS_SENDERS_BY_NAME[s.smsSender](clock),
        },
        SmsRelay,
        SmsOutbox,
      ],
      exports: [SmsOutbox],
    };
  }
}
