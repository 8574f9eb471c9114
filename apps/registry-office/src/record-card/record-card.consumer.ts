import { EventPattern, Payload } from '@nestjs/microservices';
import { CardProduced, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { RecordCardService } from './record-card.service';

/** idcard.registry.<H>.cards: cards produced by any province's production centre for this registry's citizens. */
@InboxConsumer()
export class RecordCardConsumer {
  constructor(private readonly cards: RecordCardService) {}

  @EventPattern(MessageType.CardProduced)
  async onCardProduced(@Payload() msg: InboundMessage<CardProduced>): Promise<void> {
    await this.cards.record(msg.em, msg.payload);
  }
}
