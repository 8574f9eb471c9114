import { EventPattern, Payload } from '@nestjs/microservices';
import { CardInvalidated, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { FoundCardsService } from './found-cards.service';

/** idcard.national.card-invalidations: a card this office holds as found may have been reported lost or replaced meanwhile. */
@InboxConsumer()
export class CardInvalidationsConsumer {
  constructor(private readonly foundCards: FoundCardsService) {}

  @EventPattern(MessageType.CardInvalidated)
  invalidated(@Payload() msg: InboundMessage<CardInvalidated>): Promise<void> {
    return this.foundCards.recordInvalidation(msg);
  }
}
