import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { ProductionOrdersConsumer } from './production-orders.consumer';
import { TakeOrderService } from './take-order.service';

@Module({
  controllers: [ProductionOrdersConsumer, OrdersController],
  providers: [TakeOrderService],
})
export class TakeOrdersModule {}
