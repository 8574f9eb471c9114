import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import type { ProductionCenterConfig, ProductionCenterSettings } from './config';
import { EscalateOrdersModule } from './escalate-orders/escalate-orders.module';
import { productionMigrations } from './migrations';
import { ProductionOrder } from './orders/entities/production-order.entity';
import { OrdersModule } from './orders/orders.module';
import { ProduceCardsModule } from './produce-cards/produce-cards.module';
import { ProductionCenterSettingsModule } from './settings.module';
import { ShipCardsModule } from './ship-cards/ship-cards.module';
import { ShipmentCard } from './shipments/entities/shipment-card.entity';
import { Shipment } from './shipments/entities/shipment.entity';
import { ShipmentsModule } from './shipments/shipments.module';
import { TakeOrdersModule } from './take-orders/take-orders.module';

/**
 * The production centre (省厅制证) of one province. Each shared dynamic module is built once here and the same
 * object handed to every feature that needs it (Nest tells dynamic modules apart by reference); nothing is global.
 */
@Module({})
export class ProductionCenterModule {
  static register(config: ProductionCenterConfig): DynamicModule {
    const infrastructure = serviceInfrastructure(config, {
      entities: [ProductionOrder, Shipment, ShipmentCard],
      migrations: productionMigrations,
      topics: [topics.productionOrders(config.identity.province)],
    });
    const settings = ProductionCenterSettingsModule.register(settingsOf(config));
    const shipCards = ShipCardsModule.register(infrastructure, settings);
    const escalateOrders = EscalateOrdersModule.register(infrastructure, shipCards);
    return {
      module: ProductionCenterModule,
      imports: [
        infrastructure,
        settings,
        OrdersModule,
        ShipmentsModule,
        shipCards,
        escalateOrders,
        TakeOrdersModule.register(infrastructure, settings, escalateOrders),
        ProduceCardsModule.register(infrastructure, settings, shipCards),
      ],
    };
  }
}

/** The centre's own settings out of its whole configuration. */
function settingsOf(config: ProductionCenterConfig): ProductionCenterSettings {
  const { printableScripts, scriptCentres, shipmentSizeLimit, shipmentMaxWaitMs, productionIntervalMs, cardsPerRun } = config;
  return { printableScripts, scriptCentres, shipmentSizeLimit, shipmentMaxWaitMs, productionIntervalMs, cardsPerRun };
}
