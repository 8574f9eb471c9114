import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import { PRODUCTION_SETTINGS, ProductionCenterConfig, productionSettings } from './config';
import { productionMigrations } from './migrations';
import { EscalateOrdersModule } from './escalate-orders/escalate-orders.module';
import { ProduceCardsModule } from './produce-cards/produce-cards.module';
import { ShipmentCard } from './ship-cards/entities/shipment-card.entity';
import { Shipment } from './ship-cards/entities/shipment.entity';
import { ShipCardsModule } from './ship-cards/ship-cards.module';
import { ProductionOrder } from './take-orders/entities/production-order.entity';
import { TakeOrdersModule } from './take-orders/take-orders.module';

export const productionEntities = [ProductionOrder, Shipment, ShipmentCard];

/** The production centre (省厅制证) of one province. */
@Module({})
export class ProductionCenterModule {
  static forRoot(config: ProductionCenterConfig): DynamicModule {
    const settings = productionSettings(config);
    return {
      module: ProductionCenterModule,
      global: true,
      imports: [
        ...serviceInfrastructure(config, { entities: productionEntities, migrations: productionMigrations, topics: [topics.productionOrders(settings.province)] }),
        TakeOrdersModule,
        EscalateOrdersModule,
        ShipCardsModule,
        ProduceCardsModule,
      ],
      providers: [{ provide: PRODUCTION_SETTINGS, useValue: settings }],
      exports: [PRODUCTION_SETTINGS],
    };
  }
}
