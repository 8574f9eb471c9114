import { DynamicModule, Module } from '@nestjs/common';
import { CardInvalidationsConsumer } from './card-invalidations.consumer';
import { FoundCardSweeper } from './found-card-sweeper';
import { FoundCardsController } from './found-cards.controller';
import { FoundCardsService } from './found-cards.service';

/** 丢失招领: found cards handed in here, the home registries' instructions, destruction, collection and the sweep. */
@Module({})
export class FoundCardsModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: FoundCardsModule,
      imports: [infrastructure, settings],
      controllers: [FoundCardsController, CardInvalidationsConsumer],
      providers: [FoundCardsService, FoundCardSweeper],
      exports: [FoundCardsService, FoundCardSweeper],
    };
  }
}
