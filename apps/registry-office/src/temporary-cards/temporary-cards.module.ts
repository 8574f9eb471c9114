import { DynamicModule, Module } from '@nestjs/common';
import { TemporaryCardsConsumer } from './temporary-cards.consumer';
import { TemporaryCardsService } from './temporary-cards.service';

/** Temporary ID cards (临时身份证) issued on a receiving office's request, over Kafka request/reply. */
@Module({})
export class TemporaryCardsModule {
  static register(infrastructure: DynamicModule, register: DynamicModule): DynamicModule {
    return { module: TemporaryCardsModule, imports: [infrastructure, register], controllers: [TemporaryCardsConsumer], providers: [TemporaryCardsService] };
  }
}
