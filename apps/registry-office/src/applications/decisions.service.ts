import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import {
  ApplicationRejected,
  ApplicationSignedOff,
  ApplicationSubmitted,
  cardScriptFor,
  maskCitizenId,
  MessageType,
  ProductionOrdered,
  ProvinceCode,
  RejectionReason,
  topics,
} from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ReviewDoubt } from '../domain/review';
import { ApplicationLedger } from './application-ledger';
import { RegistryApplication } from './entities/registry-application.entity';

/** Who decided when no officer did. */
export const AUTOMATIC_REVIEWER = 'automatic';

/** Who decides: the registry's own review, or an officer as their verified token names them. */
export type Decider = typeof AUTOMATIC_REVIEWER | Principal;

/** The columns a decision records about who took it: an officer's subject (also in reviewed_by) and name. */
function decidedBy(decider: Decider): { reviewedBy: string; reviewerSubject: string | null; reviewerName: string | null } {
  if (decider === AUTOMATIC_REVIEWER) return { reviewedBy: AUTOMATIC_REVIEWER, reviewerSubject: null, reviewerName: null };
  return { reviewedBy: decider.subject, reviewerSubject: decider.subject, reviewerName: decider.name };
}

export interface Rejection {
  reasonCode: RejectionReason;
  detail: string;
  inFlightReceiptNumber?: string;
}

/**
 * The decisions of the registry on an application, each one transition (through the ledger) plus the messages
 * it causes, written through the caller's transaction (a consumer's msg.em or a request's own), so both commit or
 * neither does.
 */
@Injectable()
export class Decisions {
  private readonly logger = new Logger(Decisions.name);
  private readonly province: ProvinceCode;

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.province = identity.province as ProvinceCode;
  }

  /** 签发: the receiving office learns it, the production centre of the receiving province is ordered to make the card. */
  async signOff(em: EntityManager, application: RegistryApplication, decider: Decider): Promise<void> {
    const now = this.clock.now();
    const submitted = application.application;
    const who = decidedBy(decider);
    await this.ledger.transition(em, application, 'signed_off', { decidedAt: now, ...who });
    const signedOff: ApplicationSignedOff = {
      receiptNumber: application.receiptNumber,
      productionProvince: submitted.receivingProvince,
      reviewedBy: who.reviewedBy,
      signedOffAt: now.toISOString(),
    };
    const order: ProductionOrdered = {
      receiptNumber: application.receiptNumber,
      kind: submitted.kind,
      citizen: submitted.citizen,
      photo: submitted.photo,
      cardScript: cardScriptFor(submitted.citizen.ethnicGroup, this.province),
      homeProvince: this.province,
      receivingProvince: submitted.receivingProvince,
      receivingOfficeCode: submitted.receivingOfficeCode,
      expedited: submitted.expedited,
      dueAt: submitted.dueAt,
      orderedAt: now.toISOString(),
    };
    const common = { key: application.idNumber, correlationId: application.receiptNumber };
    const receiving = submitted.receivingProvince;
    await this.outbox.add(em, { ...common, topic: topics.receivingDecisions(receiving), type: MessageType.ApplicationSignedOff, payload: signedOff });
    await this.outbox.add(em, { ...common, topic: topics.productionOrders(receiving), type: MessageType.ProductionOrdered, payload: order });
    const idNumber = maskCitizenId(application.idNumber);
    // Which officer is in the audit trail and on the application; a subject may carry a name (the development issuer's do).
    const reviewer = who.reviewerSubject ? 'officer' : AUTOMATIC_REVIEWER;
    this.logger.log({ event: 'application.signed-off', receipt: application.receiptNumber, idNumber, reviewer, productionProvince: receiving });
  }

  /** Refused, with the reason: the receiving office tells the citizen. */
  async reject(em: EntityManager, application: RegistryApplication, rejection: Rejection, decider: Decider): Promise<void> {
    const now = this.clock.now();
    await this.ledger.transition(em, application, 'rejected', {
      decidedAt: now,
      ...decidedBy(decider),
      rejectionReason: rejection.reasonCode,
      rejectionDetail: rejection.detail,
      inFlightReceiptNumber: rejection.inFlightReceiptNumber ?? null,
    });
    await this.announceRejection(em, application.application, rejection, now);
  }

  /** For an application recorded as rejected straight away (a duplicate in flight): only the message. */
  async announceRejection(em: EntityManager, submitted: ApplicationSubmitted, rejection: Rejection, at: Date): Promise<void> {
    const rejected: ApplicationRejected = {
      receiptNumber: submitted.receiptNumber,
      reasonCode: rejection.reasonCode,
      detail: rejection.detail,
      ...(rejection.inFlightReceiptNumber ? { inFlightReceiptNumber: rejection.inFlightReceiptNumber } : {}),
      rejectedAt: at.toISOString(),
    };
    await this.outbox.add(em, {
      topic: topics.receivingDecisions(submitted.receivingProvince),
      key: submitted.citizen.idNumber,
      type: MessageType.ApplicationRejected,
      payload: rejected,
      correlationId: submitted.receiptNumber,
    });
    const idNumber = maskCitizenId(submitted.citizen.idNumber);
    this.logger.log({ event: 'application.rejected', receipt: submitted.receiptNumber, idNumber, reasonCode: rejection.reasonCode });
  }

  /** An officer has to decide: the application waits in the review queue, holding the citizen's slot. */
  async holdForReview(em: EntityManager, application: RegistryApplication, doubts: ReviewDoubt[]): Promise<void> {
    await this.ledger.transition(em, application, 'manual_review', { reviewDoubts: doubts });
    this.logger.log({ event: 'application.held-for-review', receipt: application.receiptNumber, doubts: doubts.map((d) => d.kind) });
  }
}
