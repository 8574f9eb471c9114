import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationRejected, ApplicationSignedOff, ProvinceCode } from '@idcard/contracts';
import { InboundMessage, RejectMessage } from '@idcard/messaging';
import { ApplicationLedger } from '../applications/application-ledger';
import { Application } from '../applications/entities/application.entity';
import { DecisionOutcome, rejectionOutcome, signOffOutcome } from '../domain/decisions';
import { isReceiptOf } from '../domain/receipt-number';
import { ReceiveShipmentsService } from '../receive-shipments/receive-shipments.service';
import { RECEIVING_PROVINCE } from '../receiving-province';

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
    @Inject(RECEIVING_PROVINCE) private readonly province: ProvinceCode,
  ) {}

  async signOff(msg: InboundMessage<ApplicationSignedOff>): Promise<void> {
    const { payload: p, em } = msg;
    const application = await this.applicationDecidedIn(msg, p.receiptNumber);
    if (!this.shouldApply(application, signOffOutcome(application.status), 'ApplicationSignedOff')) return;
    const at = new Date(p.signedOffAt);
    await this.ledger.moveOn(em, application, 'signed_off', at, `signed off by ${p.reviewedBy} at the registry of province ${application.homeProvince}`);
    await this.ledger.moveOn(em, application, 'in_production', at, `ordered from the production centre of province ${p.productionProvince}`);
    await this.shipments.shipWaitingCard(em, application);
    this.logger.log({ event: 'application.signed-off', receipt: p.receiptNumber, productionProvince: p.productionProvince });
  }

  async reject(msg: InboundMessage<ApplicationRejected>): Promise<void> {
    const { payload: p, em } = msg;
    const application = await this.applicationDecidedIn(msg, p.receiptNumber);
    if (!this.shouldApply(application, rejectionOutcome(application.status), 'ApplicationRejected')) return;
    await this.ledger.moveOn(em, application, 'rejected', new Date(p.rejectedAt), `${p.reasonCode}: ${p.detail}`, {
      rejectionReason: p.reasonCode,
      rejectionDetail: p.detail,
      rejectionInFlightReceiptNumber: p.inFlightReceiptNumber ?? null,
    });
    this.logger.log({ event: 'application.rejected', receipt: p.receiptNumber, reasonCode: p.reasonCode });
  }

  /** The application the decision is about, locked; or RejectMessage when it cannot be one of ours. */
  private async applicationDecidedIn(msg: InboundMessage<unknown>, receiptNumber: string): Promise<Application> {
    if (!isReceiptOf(receiptNumber, this.province)) throw new RejectMessage(`${receiptNumber} was not issued in province ${this.province}`);
    const application = await this.ledger.lock(msg.em, receiptNumber);
    if (!application) throw new RejectMessage(`no application ${receiptNumber} at the receiving office of province ${this.province}`);
    const { province: from, service } = msg.envelope.source;
    if (service !== 'registry-office' || from !== application.homeProvince) {
      throw new RejectMessage(`decision on ${receiptNumber} came from the ${service} of province ${from}, but only its home registry (${application.homeProvince}) decides`);
    }
    return application;
  }

  private shouldApply(application: Application, outcome: DecisionOutcome, type: string): boolean {
    if (outcome.outcome === 'conflict') throw new RejectMessage(`${type} ${application.receiptNumber}: ${outcome.reason}`);
    if (outcome.outcome === 'already-applied') {
      this.logger.log({ event: 'decision.already-applied', type, receipt: application.receiptNumber, status: application.status });
      return false;
    }
    return true;
  }
}
