import { Module } from '@nestjs/common';
import { EscalateOrdersModule } from '../escalate-orders/escalate-orders.module';
import { OrdersController } from './orders.controller';
import { ProductionOrdersConsumer } from './production-orders.consumer';
import { TakeOrderService } from './take-order.service';

@Module({
  imports: [EscalateOrdersModule],
  controllers: [ProductionOrdersConsumer, OrdersController],
  providers: [TakeOrderService],
})
export class TakeOrdersModule {}
