import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, FoundCardAnswered, FoundCardReported, maskCitizenId, MessageType, provinceOfReceivingOffice, topics } from '@idcard/contracts';
import { InboundMessage, InboxConsumer, OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { Logger } from '@nestjs/common';
import { foundCardSmsText, HomeCard, judgeFoundCard } from '../domain/found-card';
import { SmsOutbox } from '../notify-citizen/sms-outbox';

/**
 * idcard.registry.<H>.requests: a card handed in at any receiving office (丢失招领). The home registry answers return
 * (and sends the holder an SMS to collect it there) or destroy, with the reason.
 */
@InboxConsumer()
export class FoundCardsConsumer {
  private readonly logger = new Logger(FoundCardsConsumer.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly sms: SmsOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @EventPattern(MessageType.FoundCardReported)
  async onFoundCardReported(@Payload() msg: InboundMessage<FoundCardReported>): Promise<void> {
    const p = msg.payload;
    if (p.homeProvince !== this.identity.province) {
      throw new RejectMessage(`found card ${p.foundCardId} is for the registry of province ${p.homeProvince}, not ${this.identity.province}`);
    }
    const now = this.clock.now();
    const decision = judgeFoundCard(await this.homeCard(msg, p.cardSerial), p.idNumber, cstDate(now));
    const reason = decision.instruction === 'destroy' ? decision.reason : null;
    const inserted: unknown[] = await msg.em.query(
      `INSERT INTO found_card (found_card_id, card_serial, receiving_office_code, found_at, instruction, reason, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING found_card_id`,
      [p.foundCardId, p.cardSerial, p.receivingOfficeCode, p.foundAt, decision.instruction, reason, now],
    );
    if (inserted.length === 0) return; // reported before: answered then
    if (decision.instruction === 'return') {
      const [citizen]: { phone_number: string | null }[] = await msg.em.query(`SELECT phone_number FROM citizen WHERE id_number = $1`, [p.idNumber]);
      const text = foundCardSmsText(p.receivingOfficeCode, p.foundCardId);
      if (citizen?.phone_number)
        await this.sms.queue(msg.em, { phoneNumber: citizen.phone_number, purpose: 'found_card', reference: p.foundCardId, text, at: now });
      else this.logger.warn({ event: 'found-card.no-phone', foundCardId: p.foundCardId, idNumber: maskCitizenId(p.idNumber) });
    }
    const answer: FoundCardAnswered = {
      foundCardId: p.foundCardId,
      receivingOfficeCode: p.receivingOfficeCode,
      instruction: decision.instruction,
      ...(reason ? { reason } : {}),
      answeredAt: now.toISOString(),
    };
    const topic = topics.receivingReplies(provinceOfReceivingOffice(p.receivingOfficeCode));
    await this.outbox.add(msg.em, { topic, key: p.foundCardId, type: MessageType.FoundCardAnswered, payload: answer, correlationId: p.foundCardId });
    this.logger.log({ event: 'found-card.answered', foundCardId: p.foundCardId, office: p.receivingOfficeCode, ...decision });
  }

  /** The card in the home register: a resident card or a temporary one. */
  private async homeCard(msg: InboundMessage, cardSerial: string): Promise<HomeCard | null> {
    const [row]: { id_number: string; status: 'valid' | 'invalidated'; invalidation_reason: HomeCard['invalidationReason']; valid_until: string | null }[] =
      await msg.em.query(
        `SELECT id_number, status, invalidation_reason, to_char(expires_on, 'YYYY-MM-DD') AS valid_until FROM card WHERE card_serial = $1
         UNION ALL
         SELECT id_number, status, invalidation_reason, to_char(valid_until, 'YYYY-MM-DD') FROM temporary_card WHERE temporary_serial = $1`,
        [cardSerial],
      );
    return row ? { idNumber: row.id_number, status: row.status, invalidationReason: row.invalidation_reason, validUntil: row.valid_until } : null;
  }
}
