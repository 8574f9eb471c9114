import { DynamicModule, Module } from '@nestjs/common';
import { FoundCardsConsumer } from './found-cards.consumer';

/** Lost-and-found (丢失招领): found cards routed here from any receiving office, answered return or destroy. */
@Module({})
export class FoundCardsModule {
  static register(infrastructure: DynamicModule, notify: DynamicModule): DynamicModule {
    return { module: FoundCardsModule, imports: [infrastructure, notify], controllers: [FoundCardsConsumer] };
  }
}
