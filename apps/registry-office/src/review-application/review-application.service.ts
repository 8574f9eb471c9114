import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { ApplicationSubmitted, maskCitizenId, REJECTION_REASONS } from '@idcard/contracts';
import { RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { AUTOMATIC_REVIEWER, Decisions, Rejection } from '../applications/decisions.service';
import { RegistryApplication } from '../applications/entities/registry-application.entity';
import { applicationPhotoProblem } from '../domain/photo-check';
import { review } from '../domain/review';
import { HOME_PROVINCE } from '../home-province';
import { Card } from '../register/entities/card.entity';
import { Citizen } from '../register/entities/citizen.entity';

/** Claiming the citizen's slot can lose a race against an application that is just finishing; try that often. */
const CLAIM_ATTEMPTS = 3;

const RECORD_APPLICATION = `
  INSERT INTO registry_application
    (receipt_number, id_number, state, kind, receiving_province, receiving_office_code, expedited, accepted_at, due_at, received_at,
     decided_at, reviewed_by, rejection_reason, rejection_detail, in_flight_receipt_number, application)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)
  ON CONFLICT DO NOTHING
  RETURNING receipt_number`;

/**
 * Receives an application from a receiving office (any province, this one included) and reviews it against
 * the register. Everything happens in the consumer's transaction; the database decides which application
 * holds a citizen's one slot, so two offices submitting at once cannot both get a card made.
 */
@Injectable()
export class ReviewApplicationService {
  private readonly logger = new Logger(ReviewApplicationService.name);

  constructor(
    private readonly decisions: Decisions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HOME_PROVINCE) private readonly province: string,
  ) {}

  async receive(em: EntityManager, submitted: ApplicationSubmitted): Promise<void> {
    const { receiptNumber } = submitted;
    if (submitted.homeProvince !== this.province) {
      throw new RejectMessage(`application ${receiptNumber} is for the registry of province ${submitted.homeProvince}, not ${this.province}`);
    }
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      // ON CONFLICT DO NOTHING rather than catching a unique violation, which would abort the whole transaction.
      if (await this.record(em, submitted, null)) return this.review(em, receiptNumber);

      const recorded = await em.findOne(RegistryApplication, { where: { receiptNumber } });
      if (recorded) {
        if (recorded.idNumber !== submitted.citizen.idNumber) {
          throw new RejectMessage(`receipt ${receiptNumber} is already recorded here for another citizen`);
        }
        this.logger.log({ event: 'application.redelivered', receipt: receiptNumber, state: recorded.state });
        return;
      }

      const inFlight: { receipt_number: string }[] = await em.query(
        `SELECT receipt_number FROM registry_application WHERE id_number = $1 AND state IN ('under_review', 'manual_review', 'signed_off')`,
        [submitted.citizen.idNumber],
      );
      if (inFlight.length === 0) continue; // it finished between our insert and this look: claim again
      const rejection: Rejection = {
        reasonCode: 'DUPLICATE_IN_FLIGHT',
        detail: `${REJECTION_REASONS.DUPLICATE_IN_FLIGHT}: ${inFlight[0].receipt_number}`,
        inFlightReceiptNumber: inFlight[0].receipt_number,
      };
      if (await this.record(em, submitted, rejection)) {
        await this.decisions.announceRejection(em, submitted, rejection, this.clock.now());
        return;
      }
    }
    throw new Error(`application ${receiptNumber} could not be recorded after ${CLAIM_ATTEMPTS} attempts`);
  }

  /** Inserts the application, under review or (for a duplicate) rejected at once; false when a unique rule refused it. */
  private async record(em: EntityManager, s: ApplicationSubmitted, rejection: Rejection | null): Promise<boolean> {
    const now = this.clock.now();
    const rows: unknown[] = await em.query(RECORD_APPLICATION, [
      s.receiptNumber,
      s.citizen.idNumber,
      rejection ? 'rejected' : 'under_review',
      s.kind,
      s.receivingProvince,
      s.receivingOfficeCode,
      s.expedited,
      new Date(s.acceptedAt),
      new Date(s.dueAt),
      now,
      rejection ? now : null,
      rejection ? AUTOMATIC_REVIEWER : null,
      rejection?.reasonCode ?? null,
      rejection?.detail ?? null,
      rejection?.inFlightReceiptNumber ?? null,
      JSON.stringify(s),
    ]);
    return rows.length === 1;
  }

  private async review(em: EntityManager, receiptNumber: string): Promise<void> {
    const application = await em.findOneOrFail(RegistryApplication, { where: { receiptNumber } });
    const submitted = application.application;
    const citizen = await em.findOne(Citizen, { where: { idNumber: application.idNumber } });
    const entry = citizen && { ...citizen, holdsCard: await em.exists(Card, { where: { idNumber: citizen.idNumber } }) };
    const outcome = review(submitted, entry, applicationPhotoProblem(submitted.photo));
    this.logger.log({ event: 'application.reviewed', receipt: receiptNumber, idNumber: maskCitizenId(application.idNumber), decision: outcome.decision });
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
