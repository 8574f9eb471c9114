import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { LossReportAnswered, LossReported, maskCitizenId, MessageType, topics } from '@idcard/contracts';
import { InboundMessage, OutboxWriter, RejectMessage } from '@idcard/messaging';
import { isUUID } from 'class-validator';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { homeProvinceFor } from '../domain/application-form';
import { UnknownLossReport } from '../domain/errors';
import { LossReportAnswer, lossReportAnswerOutcome, lossRefusalText } from '../domain/loss-report';
import { replyProblem } from '../domain/replies';
import { clerkOffice } from '../lost-cards-access';
import { LossReport } from './loss-report.entity';
import { LossReportReceiptDto, LossReportViewDto, ReportLossDto } from './report-loss.dto';

/** 挂失申报: a loss reported at this counter goes to the citizen's home registry, which marks the card lost or refuses. */
@Injectable()
export class ReportLossService {
  private readonly logger = new Logger(ReportLossService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The report and LossReported to the home registry commit together; the answer comes back on the replies topic. */
  async report(form: ReportLossDto, clerk: Principal): Promise<LossReportReceiptDto> {
    const office = clerkOffice(clerk);
    const reportId = randomUUID();
    const reportedAt = this.clock.now();
    const homeProvince = homeProvinceFor(form.idNumber, form.homeProvince);
    await this.dataSource.transaction(async (em) => {
      await em.insert(LossReport, {
        reportId,
        idNumber: form.idNumber,
        homeProvince,
        cardSerial: form.cardSerial ?? null,
        receivingOfficeCode: office,
        reportedBy: clerk.subject,
        reportedByName: clerk.name,
        reportedAt,
        status: 'pending',
        refusal: null,
        answeredAt: null,
      });
      const payload: LossReported = {
        reportId,
        idNumber: form.idNumber,
        homeProvince,
        ...(form.cardSerial ? { cardSerial: form.cardSerial } : {}),
        receivingOfficeCode: office,
        reportedBy: clerk.subject,
        reportedAt: reportedAt.toISOString(),
      };
      await this.outbox.add(em, {
        topic: topics.registryRequests(homeProvince),
        key: form.idNumber,
        type: MessageType.LossReported,
        payload,
        correlationId: reportId,
      });
    });
    this.logger.log({ event: 'loss.reported', reportId, idNumber: maskCitizenId(form.idNumber), homeProvince, office });
    return { reportId, status: 'pending' };
  }

  async view(reportId: string, reader: Principal): Promise<LossReportViewDto> {
    const report = isUUID(reportId) ? await this.dataSource.manager.findOne(LossReport, { where: { reportId } }) : null;
    if (!report) throw new UnknownLossReport(reportId);
    assertOwnOffice(reader, report.receivingOfficeCode);
    return {
      reportId: report.reportId,
      status: report.status,
      refusal: report.refusal,
      refusalText: report.refusal ? lossRefusalText(report.refusal) : null,
      idNumber: maskCitizenId(report.idNumber),
      homeProvince: report.homeProvince,
      cardSerial: report.cardSerial,
      receivingOfficeCode: report.receivingOfficeCode,
      reportedAt: report.reportedAt.toISOString(),
      answeredAt: report.answeredAt?.toISOString() ?? null,
    };
  }

  /** LossReportAnswered from the home registry: the first answer is recorded, the same again changes nothing. */
  async recordAnswer(msg: InboundMessage<LossReportAnswered>): Promise<void> {
    const { payload: p, em } = msg;
    const report = await em.findOne(LossReport, { where: { reportId: p.reportId }, lock: { mode: 'pessimistic_write' } });
    if (!report) throw new RejectMessage(`no loss report ${p.reportId} at this receiving office`);
    const problem = replyProblem(`loss report ${p.reportId}`, msg.envelope.source, report, p.receivingOfficeCode);
    if (problem) throw new RejectMessage(problem);
    const answer: LossReportAnswer =
      p.outcome === 'accepted' ? { outcome: 'accepted', cardSerial: p.cardSerial ?? null } : { outcome: 'refused', refusal: p.refusal! };
    const outcome = lossReportAnswerOutcome(report, answer);
    if (outcome.outcome === 'conflict') throw new RejectMessage(`LossReportAnswered ${p.reportId}: ${outcome.reason}`);
    if (outcome.outcome === 'already-applied') return;
    await em.update(
      LossReport,
      { reportId: p.reportId },
      { status: p.outcome, refusal: p.refusal ?? null, cardSerial: p.cardSerial ?? report.cardSerial, answeredAt: new Date(p.answeredAt) },
    );
    this.logger.log({ event: 'loss.answered', reportId: p.reportId, outcome: p.outcome, refusal: p.refusal ?? null });
  }
}
