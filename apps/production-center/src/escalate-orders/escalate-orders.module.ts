import { Module } from '@nestjs/common';
import { ShipCardsModule } from '../ship-cards/ship-cards.module';
import { EscalateOrderService } from './escalate-order.service';
import { EscalationsConsumer } from './escalations.consumer';
import { EscalationsController } from './escalations.controller';

/** Deadline warnings and breaches from the receiving office: near-due and breached orders jump the queue. */
@Module({
  imports: [ShipCardsModule],
  controllers: [EscalationsConsumer, EscalationsController],
  providers: [EscalateOrderService],
  exports: [EscalateOrderService],
})
export class EscalateOrdersModule {}
