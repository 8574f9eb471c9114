import { EventPattern, Payload } from '@nestjs/microservices';
import { ApplicationSubmitted, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { ReviewApplicationService } from './review-application.service';

/** idcard.registry.<H>.applications: applications from every receiving office, local and remote. */
@InboxConsumer()
export class ReviewApplicationConsumer {
  constructor(private readonly reviews: ReviewApplicationService) {}

  @EventPattern(MessageType.ApplicationSubmitted)
  async onApplicationSubmitted(@Payload() msg: InboundMessage<ApplicationSubmitted>): Promise<void> {
    await this.reviews.receive(msg.em, msg.payload);
  }
}
