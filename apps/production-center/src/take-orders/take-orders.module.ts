import { DynamicModule, Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { OrdersController } from './orders.controller';
import { ProductionOrdersConsumer } from './production-orders.consumer';
import { TakeOrderService } from './take-order.service';

/** ProductionOrdered from the home registries (and from centres that cannot print a script): GET /orders/:receiptNumber. */
@Module({})
export class TakeOrdersModule {
  /** `escalateOrders`: the EscalateOrdersModule the root module built (a report kept for an order applies when it arrives). */
  static register(infrastructure: DynamicModule, settings: DynamicModule, escalateOrders: DynamicModule): DynamicModule {
    return {
      module: TakeOrdersModule,
      imports: [infrastructure, settings, OrdersModule, escalateOrders],
      controllers: [ProductionOrdersConsumer, OrdersController],
      providers: [TakeOrderService],
    };
  }
}
