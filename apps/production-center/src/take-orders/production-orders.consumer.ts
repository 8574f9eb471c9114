import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageType, ProductionOrdered } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { TakeOrderService } from './take-order.service';

/** Orders from the home registries (and from centres that cannot print a script), on topics.productionOrders(P). */
@InboxConsumer()
export class ProductionOrdersConsumer {
  constructor(private readonly takeOrder: TakeOrderService) {}

  @EventPattern(MessageType.ProductionOrdered)
  async onProductionOrdered(@Payload() msg: InboundMessage<ProductionOrdered>): Promise<void> {
    await this.takeOrder.take(msg.em, msg.payload);
  }
}
