import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@idcard/clock';
import { LossReportAnswered, LossReported, MessageType, provinceOfReceivingOffice, topics } from '@idcard/contracts';
import { InboundMessage, InboxConsumer, OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { ReportLossService } from './report-loss.service';

/** idcard.registry.<H>.requests: a loss reported at any receiving office's counter, answered to that office. */
@InboxConsumer()
export class ReportLossConsumer {
  constructor(
    private readonly losses: ReportLossService,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @EventPattern(MessageType.LossReported)
  async onLossReported(@Payload() msg: InboundMessage<LossReported>): Promise<void> {
    const p = msg.payload;
    if (p.homeProvince !== this.identity.province) {
      throw new RejectMessage(`loss report ${p.reportId} is for the registry of province ${p.homeProvince}, not ${this.identity.province}`);
    }
    const judgement = await this.losses.report(msg.em, {
      reportId: p.reportId,
      idNumber: p.idNumber,
      cardSerial: p.cardSerial,
      channel: 'counter',
      reportedBy: p.reportedBy,
      receivingOfficeCode: p.receivingOfficeCode,
      reportedAt: new Date(p.reportedAt),
    });
    const answer: LossReportAnswered = {
      reportId: p.reportId,
      receivingOfficeCode: p.receivingOfficeCode,
      outcome: judgement.outcome,
      ...(judgement.outcome === 'refused' ? { refusal: judgement.refusal } : {}),
      ...(judgement.cardSerial ? { cardSerial: judgement.cardSerial } : {}),
      answeredAt: this.clock.now().toISOString(),
    };
    const topic = topics.receivingReplies(provinceOfReceivingOffice(p.receivingOfficeCode));
    await this.outbox.add(msg.em, { topic, key: p.reportId, type: MessageType.LossReportAnswered, payload: answer, correlationId: p.reportId });
  }
}
