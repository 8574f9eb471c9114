import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { ApplicationSubmitted, maskCitizenId, REJECTION_REASONS } from '@idcard/contracts';
import { RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { AUTOMATIC_REVIEWER, Decisions, Rejection } from '../applications/decisions.service';
import { lossForLostApplication } from '../domain/loss-report';
import { applicationPhotoProblem } from '../domain/photo-check';
import { review } from '../domain/review';
import { PopulationRegister } from '../register/population-register';
import { ReportLossService } from '../report-loss/report-loss.service';

/** Claiming the citizen's slot can lose a race against an application that is just finishing; try that often. */
const CLAIM_ATTEMPTS = 3;

/**
 * Receives an application from a receiving office (any province, this one included) and reviews it against
 * the register. Everything happens in the consumer's transaction; the database decides which application
 * holds a citizen's one slot, so two offices submitting at once cannot both get a card made.
 */
@Injectable()
export class ReviewApplicationService {
  private readonly logger = new Logger(ReviewApplicationService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly register: PopulationRegister,
    private readonly decisions: Decisions,
    private readonly losses: ReportLossService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async receive(em: EntityManager, submitted: ApplicationSubmitted): Promise<void> {
    const { receiptNumber } = submitted;
    const province = this.identity.province;
    if (submitted.homeProvince !== province) {
      throw new RejectMessage(`application ${receiptNumber} is for the registry of province ${submitted.homeProvince}, not ${province}`);
    }
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      if (await this.ledger.record(em, submitted, this.clock.now(), { state: 'under_review' })) return this.review(em, receiptNumber);

      const recorded = await this.ledger.find(em, receiptNumber);
      if (recorded) {
        if (recorded.idNumber !== submitted.citizen.idNumber) {
          throw new RejectMessage(`receipt ${receiptNumber} is already recorded here for another citizen`);
        }
        this.logger.log({ event: 'application.redelivered', receipt: receiptNumber, state: recorded.state });
        return;
      }

      const inFlight = await this.ledger.inFlightFor(em, submitted.citizen.idNumber);
      if (!inFlight) continue; // it finished between our insert and this look: claim again
      const rejection: Rejection = {
        reasonCode: 'DUPLICATE_IN_FLIGHT',
        detail: `${REJECTION_REASONS.DUPLICATE_IN_FLIGHT}: ${inFlight}`,
        inFlightReceiptNumber: inFlight,
      };
      const now = this.clock.now();
      const first = { state: 'rejected', reviewedBy: AUTOMATIC_REVIEWER, ...rejection, inFlightReceiptNumber: inFlight } as const;
      if (await this.ledger.record(em, submitted, now, first)) {
        await this.decisions.announceRejection(em, submitted, rejection, now);
        return;
      }
    }
    throw new Error(`application ${receiptNumber} could not be recorded after ${CLAIM_ATTEMPTS} attempts`);
  }

  private async review(em: EntityManager, receiptNumber: string): Promise<void> {
    const application = await this.ledger.find(em, receiptNumber);
    if (!application) throw new Error(`application ${receiptNumber} was recorded in this transaction and is gone`);
    const submitted = application.application;
    const entry = await this.register.entry(em, application.idNumber);
    const outcome = review(submitted, entry, applicationPhotoProblem(submitted.photo));
    this.logger.log({ event: 'application.reviewed', receipt: receiptNumber, idNumber: maskCitizenId(application.idNumber), decision: outcome.decision });
    // A lost application whose clerk recorded the loss with it: the card is marked lost now, unless it is refused outright.
    const loss = lossForLostApplication(submitted.kind, submitted.lossReportedAtCounter, entry?.validCardSerial ?? null);
    if (loss.action === 'record' && outcome.decision !== 'reject') {
      await this.losses.report(em, {
        reportId: randomUUID(),
        idNumber: application.idNumber,
        cardSerial: loss.cardSerial,
        channel: 'application',
        reportedBy: `application:${receiptNumber}`,
        receivingOfficeCode: submitted.receivingOfficeCode,
        reportedAt: new Date(submitted.acceptedAt),
      });
    }
    switch (outcome.decision) {
      case 'sign_off':
        return this.decisions.signOff(em, application, AUTOMATIC_REVIEWER);
      case 'reject':
        return this.decisions.reject(em, application, { reasonCode: outcome.reasonCode, detail: outcome.detail }, AUTOMATIC_REVIEWER);
      case 'manual_review':
        return this.decisions.holdForReview(em, application, outcome.doubts);
    }
  }
}
