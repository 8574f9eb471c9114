import { EventPattern, Payload } from '@nestjs/microservices';
import { FoundCardAnswered, LossReportAnswered, MessageType, TemporaryCardAnswered } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { FoundCardsService } from '../found-cards/found-cards.service';
import { ReportLossService } from '../report-loss/report-loss.service';
import { TemporaryCardsService } from '../temporary-cards/temporary-cards.service';

/** idcard.receiving.<R>.replies: the home registries' answers to this province's loss reports, found cards and temporary IDs. */
@InboxConsumer()
export class RepliesConsumer {
  constructor(
    private readonly reportLoss: ReportLossService,
    private readonly foundCards: FoundCardsService,
    private readonly temporaryCards: TemporaryCardsService,
  ) {}

  @EventPattern(MessageType.LossReportAnswered)
  lossReportAnswered(@Payload() msg: InboundMessage<LossReportAnswered>): Promise<void> {
    return this.reportLoss.recordAnswer(msg);
  }

  @EventPattern(MessageType.FoundCardAnswered)
  foundCardAnswered(@Payload() msg: InboundMessage<FoundCardAnswered>): Promise<void> {
    return this.foundCards.recordAnswer(msg);
  }

  @EventPattern(MessageType.TemporaryCardAnswered)
  temporaryCardAnswered(@Payload() msg: InboundMessage<TemporaryCardAnswered>): Promise<void> {
    return this.temporaryCards.recordAnswer(msg);
  }
}
