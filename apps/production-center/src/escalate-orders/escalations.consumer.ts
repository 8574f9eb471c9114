import { EventPattern, Payload } from '@nestjs/microservices';
import { DeadlineBreached, DeadlineWarning, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { EscalateOrderService } from './escalate-order.service';

/** idcard.production.<P>.orders also carries the receiving office's reports on the 60-day limit. */
@InboxConsumer()
export class EscalationsConsumer {
  constructor(private readonly escalate: EscalateOrderService) {}

  @EventPattern(MessageType.DeadlineWarning)
  async onDeadlineWarning(@Payload() msg: InboundMessage<DeadlineWarning>): Promise<void> {
    await this.escalate.received(msg.em, MessageType.DeadlineWarning, msg.payload, msg.envelope.source);
  }

  @EventPattern(MessageType.DeadlineBreached)
  async onDeadlineBreached(@Payload() msg: InboundMessage<DeadlineBreached>): Promise<void> {
    await this.escalate.received(msg.em, MessageType.DeadlineBreached, msg.payload, msg.envelope.source);
  }
}
