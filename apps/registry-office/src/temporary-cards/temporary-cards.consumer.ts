import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageType, provinceOfReceivingOffice, TemporaryCardRequested, TemporaryCardVoided, topics } from '@idcard/contracts';
import { InboundMessage, InboxConsumer, OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { TemporaryCardsService } from './temporary-cards.service';

/** idcard.registry.<H>.requests: temporary ID cards asked for at any receiving office (request/reply), and voided. */
@InboxConsumer()
export class TemporaryCardsConsumer {
  constructor(
    private readonly cards: TemporaryCardsService,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @EventPattern(MessageType.TemporaryCardRequested)
  async onRequested(@Payload() msg: InboundMessage<TemporaryCardRequested>): Promise<void> {
    const p = msg.payload;
    this.assertOurs(p.homeProvince, `temporary card request ${p.requestId}`);
    const answer = await this.cards.request(msg.em, p);
    const topic = topics.receivingReplies(provinceOfReceivingOffice(p.receivingOfficeCode));
    await this.outbox.add(msg.em, { topic, key: p.requestId, type: MessageType.TemporaryCardAnswered, payload: answer, correlationId: p.requestId });
  }

  @EventPattern(MessageType.TemporaryCardVoided)
  async onVoided(@Payload() msg: InboundMessage<TemporaryCardVoided>): Promise<void> {
    this.assertOurs(msg.payload.homeProvince, `voided temporary card ${msg.payload.temporarySerial}`);
    await this.cards.void(msg.em, msg.payload);
  }

  private assertOurs(homeProvince: string, what: string): void {
    if (homeProvince !== this.identity.province)
      throw new RejectMessage(`${what} is for the registry of province ${homeProvince}, not ${this.identity.province}`);
  }
}
