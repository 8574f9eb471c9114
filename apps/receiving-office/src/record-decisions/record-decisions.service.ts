import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationRejected, ApplicationSignedOff, ApplicationStatus } from '@idcard/contracts';
import { InboundMessage, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger, StatusFacts } from '../applications/application-ledger';
import { Application } from '../applications/entities/application.entity';
import { DecisionOutcome, rejectionOutcome, signOffOutcome } from '../domain/decisions';
import { isReceiptOf } from '../domain/receipt-number';
import { ReceiveShipmentsService } from '../receive-shipments/receive-shipments.service';

/**
 * Applies the home registries' decisions. A decision about a receipt this office never issued, or from a registry
 * that is not the application's home, can never apply here: dead-lettered with the reason. The same decision
 * again changes nothing; the opposite decision is a conflict for a person to resolve: dead-lettered too.
 */
@Injectable()
export class RecordDecisionsService {
  private readonly logger = new Logger(RecordDecisionsService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly shipments: ReceiveShipmentsService,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async signOff(msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    const { payload: p, em } = msg;
    const application = await this.applicationDecidedIn(msg, p.receiptNumber);
    const details: Partial<Record<ApplicationStatus, string>> = {
      signed_off: `signed off by ${p.reviewedBy} at the registry of province ${application.homeProvince}`,
      in_production: `ordered from the production centre of province ${p.productionProvince}`,
    };
    if (!(await this.apply(em, application, signOffOutcome(application.status), 'ApplicationSignedOff', new Date(p.signedOffAt), details))) return;
    await this.shipments.shipWaitingCard(em, application);
    this.logger.log({ event: 'application.signed-off', receipt: p.receiptNumber, productionProvince: p.productionProvince });
  }

  async reject(msg: InboundMessage<ApplicationRejected>): Promise<void> {
    const { payload: p, em } = msg;
    const application = await this.applicationDecidedIn(msg, p.receiptNumber);
    const facts = { rejectionReason: p.reasonCode, rejectionDetail: p.detail, rejectionInFlightReceiptNumber: p.inFlightReceiptNumber ?? null };
    const details = { rejected: `${p.reasonCode}: ${p.detail}` };
    if (!(await this.apply(em, application, rejectionOutcome(application.status), 'ApplicationRejected', new Date(p.rejectedAt), details, facts))) return;
    this.logger.log({ event: 'application.rejected', receipt: p.receiptNumber, reasonCode: p.reasonCode });
  }

  /** The application the decision is about, locked; or RejectMessage when it cannot be one of ours. */
  private async applicationDecidedIn(msg: InboundMessage<unknown>, receiptNumber: string): Promise<Application> {
    const province = this.identity.province;
    if (!isReceiptOf(receiptNumber, province)) throw new RejectMessage(`${receiptNumber} was not issued in province ${province}`);
    const application = await this.ledger.lock(msg.em, receiptNumber);
    if (!application) throw new RejectMessage(`no application ${receiptNumber} at the receiving office of province ${province}`);
    const { province: from, service } = msg.envelope.source;
    if (service !== 'registry-office' || from !== application.homeProvince) {
      const home = application.homeProvince;
      throw new RejectMessage(`decision on ${receiptNumber} came from the ${service} of province ${from}, but only its home registry (${home}) decides`);
    }
    return application;
  }

  /**
   * Takes the application through the statuses the decision names, each a step with its detail; false when
   * there is nothing to apply (the same decision again). The opposite decision is dead-lettered.
   */
  private async apply(
    em: EntityManager,
    application: Application,
    outcome: DecisionOutcome,
    type: string,
    at: Date,
    details: Partial<Record<ApplicationStatus, string>>,
    facts: StatusFacts = {},
  ): Promise<boolean> {
    if (outcome.outcome === 'conflict') throw new RejectMessage(`${type} ${application.receiptNumber}: ${outcome.reason}`);
    if (outcome.outcome === 'already-applied') {
      this.logger.log({ event: 'decision.already-applied', type, receipt: application.receiptNumber, status: application.status });
      return false;
    }
    for (const status of outcome.statuses) await this.ledger.transition(em, application, status, at, details[status] ?? `${type} from the registry`, facts);
    return true;
  }
}
