import { DynamicModule, Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { EscalateOrderService } from './escalate-order.service';
import { EscalationsConsumer } from './escalations.consumer';
import { EscalationsController } from './escalations.controller';

/** Deadline warnings and breaches from the receiving office: near-due and breached orders jump the queue. GET /escalations. */
@Module({})
export class EscalateOrdersModule {
  /** `shipCards`: the ShipCardsModule the root module built (its dispatcher sends an escalated card's shipment on at once). */
  static register(infrastructure: DynamicModule, shipCards: DynamicModule): DynamicModule {
    return {
      module: EscalateOrdersModule,
      imports: [infrastructure, OrdersModule, ShipmentsModule, shipCards],
      controllers: [EscalationsConsumer, EscalationsController],
      providers: [EscalateOrderService],
      exports: [EscalateOrderService],
    };
  }
}
