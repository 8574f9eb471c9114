import { EventPattern, Payload } from '@nestjs/microservices';
import { ApplicationRejected, ApplicationSignedOff, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer } from '@idcard/messaging';
import { RecordDecisionsService } from './record-decisions.service';

/** idcard.receiving.<R>.decisions: what the home registries decided about this province's applications. */
@InboxConsumer()
export class DecisionsConsumer {
  constructor(private readonly recordDecisions: RecordDecisionsService) {}

  @EventPattern(MessageType.ApplicationSignedOff)
  signedOff(@Payload() msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    return this.recordDecisions.signOff(msg);
  }

  @EventPattern(MessageType.ApplicationRejected)
  rejected(@Payload() msg: InboundMessage<ApplicationRejected>): Promise<void> {
    return this.recordDecisions.reject(msg);
  }
}
