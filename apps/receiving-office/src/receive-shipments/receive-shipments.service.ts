import { Inject, Injectable, Logger } from '@nestjs/common';
import { provinceOfReceivingOffice, ShipmentDispatched } from '@idcard/contracts';
import { InboundMessage, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { Application } from '../applications/entities/application.entity';
import { manifestLineOutcome } from '../domain/shipment-manifest';
import { ShipmentRecords, ShippedCard } from '../shipments/shipment-records';

/** Records shipments announced by production centres and marks their applications shipped. */
@Injectable()
export class ReceiveShipmentsService {
  private readonly logger = new Logger(ReceiveShipmentsService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    private readonly shipments: ShipmentRecords,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async recordShipment({ payload: p, em }: InboundMessage<ShipmentDispatched>): Promise<void> {
    const province = this.identity.province;
    const officeProvince = provinceOfReceivingOffice(p.receivingOfficeCode);
    if (officeProvince !== province) {
      throw new RejectMessage(`shipment ${p.shipmentId} is for office ${p.receivingOfficeCode} in province ${officeProvince}, not for province ${province}`);
    }
    const dispatchedAt = new Date(p.dispatchedAt);
    const lines = p.cards.map((c, i) => ({ position: i + 1, receiptNumber: c.receiptNumber, cardSerial: c.cardSerial }));
    const { shipmentId, producedBy, receivingOfficeCode, expedited } = p;
    const shipment = { shipmentId, producedBy, receivingOfficeCode, expedited, dispatchedAt, cardCount: lines.length };
    if (!(await this.shipments.record(em, shipment, lines))) {
      this.logger.log({ event: 'shipment.already-recorded', shipmentId: p.shipmentId });
      return;
    }
    // Lock applications in one order, so two shipments naming the same receipts cannot deadlock.
    for (const line of [...lines].sort((a, b) => a.receiptNumber.localeCompare(b.receiptNumber))) {
      const application = await this.ledger.lock(em, line.receiptNumber);
      const outcome = manifestLineOutcome(application?.status ?? null);
      if (outcome.outcome === 'ship') await this.ship(em, application!, { ...shipment, cardSerial: line.cardSerial });
      else if (outcome.outcome === 'await-sign-off')
        this.logger.log({ event: 'shipment.card-before-sign-off', receipt: line.receiptNumber, shipmentId: p.shipmentId });
      else
        this.logger.warn({
          event: 'shipment.line-kept',
          receipt: line.receiptNumber,
          cardSerial: line.cardSerial,
          shipmentId: p.shipmentId,
          reason: outcome.reason,
        });
    }
    this.logger.log({ event: 'shipment.recorded', shipmentId: p.shipmentId, office: p.receivingOfficeCode, cards: lines.length });
  }

  /**
   * For an application that has just gone into production: a card already shipped for it (the shipment was read
   * before the sign-off) ships it now.
   */
  async shipWaitingCard(em: EntityManager, application: Application): Promise<void> {
    const waiting = await this.shipments.latestCardFor(em, application.receiptNumber);
    if (!waiting || manifestLineOutcome(application.status).outcome !== 'ship') return;
    await this.ship(em, application, waiting);
    this.logger.log({ event: 'shipment.caught-up', receipt: application.receiptNumber, shipmentId: waiting.shipmentId });
  }

  private ship(em: EntityManager, application: Application, s: ShippedCard): Promise<void> {
    const detail = `card ${s.cardSerial} in shipment ${s.shipmentId} from the production centre of province ${s.producedBy}`;
    return this.ledger.transition(em, application, 'shipped', s.dispatchedAt, detail, { cardSerial: s.cardSerial, shipmentId: s.shipmentId });
  }
}
