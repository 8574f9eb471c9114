import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource } from 'typeorm';
import { AfterCommit } from './after-commit';
import { KafkaInboxTransport } from './kafka-inbox.transport';
import { MessageLog } from './message-log';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

/** Outbox (writer and relay), the inbox transport and the message log of one service; needs a TypeORM DataSource. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: CLOCK, useValue: options.clock },
        MessageLog,
        AfterCommit,
        OutboxRelay,
        OutboxWriter,
        {
          provide: KafkaInboxTransport,
          inject: [DataSource, CLOCK, MessageLog],
          useFactory: (dataSource: DataSource, clock: Clock, messageLog: MessageLog) => new KafkaInboxTransport(options, dataSource, clock, messageLog),
        },
      ],
      exports: [MESSAGING_OPTIONS, MessageLog, AfterCommit, OutboxRelay, OutboxWriter, KafkaInboxTransport],
    };
  }
}
