import { DynamicModule, Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ProductionController } from './production.controller';
import { ProductionLine } from './production-line';
import { ProductionSchedule } from './production-schedule';

/** The production line, its timer, GET /queue and POST /production/run. */
@Module({})
export class ProduceCardsModule {
  /** `shipCards`: the ShipCardsModule the root module built (the line packs its cards, the timer dispatches). */
  static register(infrastructure: DynamicModule, settings: DynamicModule, shipCards: DynamicModule): DynamicModule {
    return {
      module: ProduceCardsModule,
      imports: [infrastructure, settings, OrdersModule, shipCards],
      controllers: [ProductionController],
      providers: [ProductionLine, ProductionSchedule],
    };
  }
}
