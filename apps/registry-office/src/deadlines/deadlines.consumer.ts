import { EventPattern, Payload } from '@nestjs/microservices';
import { DeadlineBreached, DeadlineWarning, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { DeadlinesService } from './deadlines.service';

/** idcard.registry.<H>.applications also carries the receiving offices' deadline reports. */
@InboxConsumer()
export class DeadlinesConsumer {
  constructor(private readonly deadlines: DeadlinesService) {}

  @EventPattern(MessageType.DeadlineWarning)
  async onDeadlineWarning(@Payload() msg: InboundMessage<DeadlineWarning>): Promise<void> {
    await this.deadlines.warned(msg.em, msg.payload);
  }

  @EventPattern(MessageType.DeadlineBreached)
  async onDeadlineBreached(@Payload() msg: InboundMessage<DeadlineBreached>): Promise<void> {
    await this.deadlines.breached(msg.em, msg.payload);
  }
}
