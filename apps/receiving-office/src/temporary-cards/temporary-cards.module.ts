import { DynamicModule, Module } from '@nestjs/common';
import { TemporaryCardsController } from './temporary-cards.controller';
import { TemporaryCardsService } from './temporary-cards.service';

/** 临时身份证: temporary IDs on the home registry's word, asked and answered over Kafka. */
@Module({})
export class TemporaryCardsModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: TemporaryCardsModule,
      imports: [infrastructure, settings],
      controllers: [TemporaryCardsController],
      providers: [TemporaryCardsService],
      exports: [TemporaryCardsService],
    };
  }
}
