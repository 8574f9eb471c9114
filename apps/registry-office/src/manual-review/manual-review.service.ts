import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { daysLeft, REJECTION_REASONS } from '@idcard/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { unknownReceipt, wrongState } from '../applications/application-errors';
import { applicationView } from '../applications/application-view';
import { Decisions } from '../applications/decisions.service';
import { ApplicationView } from '../applications/dto/application-view.dto';
import { RegistryApplication } from '../applications/entities/registry-application.entity';
import { approvedEthnicity, describeDoubt } from '../domain/review';
import { HOME_PROVINCE } from '../home-province';
import { Citizen } from '../register/entities/citizen.entity';
import { ReviewerRejection } from './dto/review-decision.dto';
import { ReviewItem } from './dto/review-item.dto';

/** The officers' queue: applications the automatic review could not decide. */
@Injectable()
export class ManualReviewService {
  private readonly logger = new Logger(ManualReviewService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HOME_PROVINCE) private readonly province: string,
  ) {}

  /** Breached first, then warned (the receiving office's deadline reports), then oldest first. */
  async pending(limit: number): Promise<ReviewItem[]> {
    const waiting = await this.dataSource
      .getRepository(RegistryApplication)
      .createQueryBuilder('a')
      .addSelect(`CASE WHEN a.deadline_breached_at IS NOT NULL THEN 0 WHEN a.deadline_warned_at IS NOT NULL THEN 1 ELSE 2 END`, 'urgency')
      .where(`a.state = 'manual_review'`)
      .orderBy('urgency', 'ASC')
      .addOrderBy('a.receivedAt', 'ASC')
      .addOrderBy('a.receiptNumber', 'ASC')
      .limit(limit)
      .getMany();
    const citizens = await this.dataSource.getRepository(Citizen).findBy({ idNumber: In(waiting.map((a) => a.idNumber)) });
    const registered = new Map(citizens.map((c) => [c.idNumber, c]));
    const now = this.clock.now();
    return waiting.map((a) => {
      const entry = registered.get(a.idNumber);
      const doubts = a.reviewDoubts ?? [];
      return {
        receiptNumber: a.receiptNumber,
        why: doubts.map(describeDoubt).join('; '),
        doubts,
        kind: a.kind,
        feePaidYuan: a.application.feePaidYuan,
        declared: a.application.citizen,
        registered: entry ? { idNumber: entry.idNumber, name: entry.name, sex: entry.sex, birthDate: entry.birthDate, ethnicGroup: entry.ethnicGroup } : null,
        receivingProvince: a.receivingProvince,
        receivingOfficeCode: a.receivingOfficeCode,
        expedited: a.expedited,
        receivedAt: a.receivedAt.toISOString(),
        dueAt: a.dueAt.toISOString(),
        daysLeft: daysLeft(a.dueAt, now),
        deadlineBreached: a.deadlineBreachedAt !== null,
        deadlineWarned: a.deadlineWarnedAt !== null,
      };
    });
  }

  /** Signs off; an approved change of ethnicity is written to the register in the same transaction. */
  approve(receiptNumber: string, reviewer: string): Promise<ApplicationView> {
    return this.dataSource.transaction(async (em) => {
      const application = await this.awaitingReview(em, receiptNumber);
      const ethnicGroup = approvedEthnicity(application.reviewDoubts ?? []);
      if (ethnicGroup) await em.update(Citizen, { idNumber: application.idNumber }, { ethnicGroup });
      await this.decisions.signOff(em, application, reviewer);
      this.logger.log({ event: 'review.approved', receipt: receiptNumber, reviewer, ethnicityChanged: ethnicGroup !== null });
      return applicationView(application, this.clock.now());
    });
  }

  /** REVIEWER_REJECTED with the officer's words, or ETHNICITY_MISMATCH for a refused change of ethnicity. */
  reject(receiptNumber: string, reviewer: string, reason: string, reasonCode: ReviewerRejection = 'REVIEWER_REJECTED'): Promise<ApplicationView> {
    return this.dataSource.transaction(async (em) => {
      const application = await this.awaitingReview(em, receiptNumber);
      if (reasonCode === 'ETHNICITY_MISMATCH' && approvedEthnicity(application.reviewDoubts ?? []) === null) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `application ${receiptNumber} declares no change of ethnicity`,
          errors: [{ field: 'reasonCode', reason: 'ETHNICITY_MISMATCH applies only to an application that declares a change of ethnicity' }],
        });
      }
      const detail = reasonCode === 'ETHNICITY_MISMATCH' ? `${REJECTION_REASONS.ETHNICITY_MISMATCH}: ${reason}` : reason;
      await this.decisions.reject(em, application, { reasonCode, detail }, reviewer);
      this.logger.log({ event: 'review.rejected', receipt: receiptNumber, reviewer, reasonCode });
      return applicationView(application, this.clock.now());
    });
  }

  /** The application, locked against a second officer deciding it at the same moment. */
  private async awaitingReview(em: EntityManager, receiptNumber: string): Promise<RegistryApplication> {
    const application = await em.findOne(RegistryApplication, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw unknownReceipt(receiptNumber, this.province);
    if (application.state !== 'manual_review') throw wrongState(receiptNumber, application.state, 'awaiting review (manual_review)');
    return application;
  }
}
