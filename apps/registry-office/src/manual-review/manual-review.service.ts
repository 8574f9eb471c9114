import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { daysLeft, REJECTION_REASONS } from '@idcard/contracts';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { continueStoredTrace, storedTraceOf } from '@idcard/tracing';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { applicationView } from '../applications/application-view';
import { Decisions } from '../applications/decisions.service';
import { ApplicationView } from '../applications/dto/application-view.dto';
import { RegistryApplication } from '../applications/entities/registry-application.entity';
import { NoEthnicityChangeDeclared, UnknownReceipt, WrongState } from '../domain/errors';
import { approvedEthnicity, whyDoubtful } from '../domain/review';
import { PopulationRegister } from '../register/population-register';
import { ReviewerRejection } from './dto/review-decision.dto';
import { ReviewItem } from './dto/review-item.dto';

/** The officers' queue: applications the automatic review could not decide. */
@Injectable()
export class ManualReviewService {
  private readonly logger = new Logger(ManualReviewService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    private readonly register: PopulationRegister,
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  /** Breached first, then warned (the receiving office's deadline reports), then oldest first. */
  async pending(limit: number): Promise<ReviewItem[]> {
    const em = this.dataSource.manager;
    const waiting = await this.ledger.reviewQueue(em, limit);
    const citizens = await this.register.citizens(
      em,
      waiting.map((a) => a.idNumber),
    );
    const registered = new Map(citizens.map((c) => [c.idNumber, c]));
    const now = this.clock.now();
    return waiting.map((a) => {
      const entry = registered.get(a.idNumber);
      const doubts = a.reviewDoubts ?? [];
      return {
        receiptNumber: a.receiptNumber,
        why: whyDoubtful(doubts),
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

  /** The photo taken at the counter and the register's (of the citizen's current card, null when it has none), side by side. */
  async photo(receiptNumber: string): Promise<{ receiptNumber: string; jpegBase64: string; registerJpegBase64: string | null }> {
    const em = this.dataSource.manager;
    const application = await this.ledger.find(em, receiptNumber);
    if (!application) throw new UnknownReceipt(receiptNumber, this.identity.province);
    const registerJpegBase64 = await this.register.photoOf(em, application.idNumber);
    return { receiptNumber, jpegBase64: application.application.photo.jpegBase64, registerJpegBase64 };
  }

  /** Signs off as the officer of the token; an approved change of ethnicity is written to the register in the same transaction. */
  approve(receiptNumber: string, reviewer: Principal): Promise<ApplicationView> {
    return this.dataSource.transaction(async (em) => {
      const application = await this.awaitingReview(em, receiptNumber);
      const ethnicGroup = approvedEthnicity(application.reviewDoubts ?? []);
      if (ethnicGroup) await this.register.changeEthnicity(em, application.idNumber, ethnicGroup);
      await inApplicationTrace(application, 'application approved by reviewer', () => this.decisions.signOff(em, application, reviewer));
      this.logger.log({ event: 'review.approved', receipt: receiptNumber, ethnicityChanged: ethnicGroup !== null });
      return applicationView(application, this.clock.now());
    });
  }

  /** REVIEWER_REJECTED with the officer's words, or ETHNICITY_MISMATCH for a refused change of ethnicity. */
  reject(receiptNumber: string, reviewer: Principal, reason: string, reasonCode: ReviewerRejection = 'REVIEWER_REJECTED'): Promise<ApplicationView> {
    return this.dataSource.transaction(async (em) => {
      const application = await this.awaitingReview(em, receiptNumber);
      if (reasonCode === 'ETHNICITY_MISMATCH' && approvedEthnicity(application.reviewDoubts ?? []) === null) throw new NoEthnicityChangeDeclared(receiptNumber);
      const detail = reasonCode === 'ETHNICITY_MISMATCH' ? `${REJECTION_REASONS.ETHNICITY_MISMATCH}: ${reason}` : reason;
      await inApplicationTrace(application, 'application rejected by reviewer', () => this.decisions.reject(em, application, { reasonCode, detail }, reviewer));
      this.logger.log({ event: 'review.rejected', receipt: receiptNumber, reasonCode });
      return applicationView(application, this.clock.now());
    });
  }

  /** The application, locked against a second officer deciding it at the same moment. */
  private async awaitingReview(em: EntityManager, receiptNumber: string): Promise<RegistryApplication> {
    const application = await this.ledger.lock(em, receiptNumber);
    if (!application) throw new UnknownReceipt(receiptNumber, this.identity.province);
    if (application.state !== 'manual_review') throw new WrongState(receiptNumber, application.state, 'awaiting review (manual_review)');
    return application;
  }
}

/** An officer's decision (a request of its own) is made in the application's trace, linked to the request: its messages carry that trace on. */
function inApplicationTrace<T>(application: RegistryApplication, name: string, decide: () => Promise<T>): Promise<T> {
  return continueStoredTrace(storedTraceOf(application), { name, attributes: { 'idcard.correlation_id': application.receiptNumber } }, decide);
}
