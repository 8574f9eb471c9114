import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageType, ShipmentDispatched } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { ReceiveShipmentsService } from './receive-shipments.service';

/** idcard.receiving.<R>.shipments: the production centres' shipments to this province's offices. */
@InboxConsumer()
export class ShipmentsConsumer {
  constructor(private readonly receiveShipments: ReceiveShipmentsService) {}

  @EventPattern(MessageType.ShipmentDispatched)
  shipmentDispatched(@Payload() msg: InboundMessage<ShipmentDispatched>): Promise<void> {
    return this.receiveShipments.recordShipment(msg);
  }
}
