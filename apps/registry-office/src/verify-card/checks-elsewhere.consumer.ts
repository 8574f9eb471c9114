import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@idcard/clock';
import { CardVerified, MessageType } from '@idcard/contracts';
import { InboundMessage, InboxConsumer, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { VerificationTable } from './verification-table';

/**
 * idcard.registry.<H>.verifications: checks of this registry's cards answered in other provinces, for the holder's
 * tracker (GET /citizens/me/verifications). One addressed elsewhere, told by this province itself, or about a card
 * this register never issued is dead-lettered with the reason.
 */
@InboxConsumer()
export class ChecksElsewhereConsumer {
  constructor(
    private readonly table: VerificationTable,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @EventPattern(MessageType.CardVerified)
  async onCardVerified(@Payload() msg: InboundMessage<CardVerified>): Promise<void> {
    const check = msg.payload;
    const here = this.identity.province;
    if (check.homeProvince !== here) throw new RejectMessage(`check ${check.checkId} is for the registry of province ${check.homeProvince}, not ${here}`);
    if (check.checkedIn === here)
      throw new RejectMessage(`check ${check.checkId} says it was answered here (${here}): this registry records its own checks itself`);
    if (!(await this.table.recordCheckElsewhere(msg.em, check, this.clock.now())))
      throw new RejectMessage(`check ${check.checkId}: card ${check.cardSerial} is no card of the register of province ${here}`);
  }
}
