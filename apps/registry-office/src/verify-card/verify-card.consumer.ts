import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@idcard/clock';
import { CardInvalidated, CardIssued, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { VerificationTable } from './verification-table';

/**
 * idcard.national.card-issuances and idcard.national.card-invalidations: every province's cards, into this province's
 * verification table, so a verification never crosses a province boundary at request time.
 */
@InboxConsumer()
export class VerifyCardConsumer {
  constructor(
    private readonly table: VerificationTable,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(MessageType.CardIssued)
  async onCardIssued(@Payload() msg: InboundMessage<CardIssued>): Promise<void> {
    await this.table.issued(msg.em, msg.payload, this.clock.now());
  }

  @EventPattern(MessageType.CardInvalidated)
  async onCardInvalidated(@Payload() msg: InboundMessage<CardInvalidated>): Promise<void> {
    await this.table.invalidated(msg.em, msg.payload, this.clock.now());
  }
}
