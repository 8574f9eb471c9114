import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource } from 'typeorm';
import { KafkaInboxTransport } from './kafka-inbox.transport';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

/** Outbox (writer and relay) and the inbox transport of one service; needs a TypeORM DataSource. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: CLOCK, useValue: options.clock },
        OutboxRelay,
        OutboxWriter,
        {
          provide: KafkaInboxTransport,
          inject: [DataSource, CLOCK],
          useFactory: (dataSource: DataSource, clock: Clock) => new KafkaInboxTransport(options, dataSource, clock),
        },
      ],
      exports: [MESSAGING_OPTIONS, OutboxRelay, OutboxWriter, KafkaInboxTransport],
    };
  }
}
