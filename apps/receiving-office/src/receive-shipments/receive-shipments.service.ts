import { Inject, Injectable, Logger } from '@nestjs/common';
import { provinceOfReceivingOffice, ProvinceCode, ShipmentDispatched } from '@idcard/contracts';
import { InboundMessage, RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { Application } from '../applications/entities/application.entity';
import { manifestLineOutcome } from '../domain/shipment-manifest';
import { RECEIVING_PROVINCE } from '../receiving-province';
import { ShipmentCard } from '../shipments/entities/shipment-card.entity';
import { Shipment } from '../shipments/entities/shipment.entity';

/** Records shipments announced by production centres and marks their applications shipped. */
@Injectable()
export class ReceiveShipmentsService {
  private readonly logger = new Logger(ReceiveShipmentsService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    @Inject(RECEIVING_PROVINCE) private readonly province: ProvinceCode,
  ) {}

  async recordShipment({ payload: p, em }: InboundMessage<ShipmentDispatched>): Promise<void> {
    const officeProvince = provinceOfReceivingOffice(p.receivingOfficeCode);
    if (officeProvince !== this.province) {
      throw new RejectMessage(`shipment ${p.shipmentId} is for office ${p.receivingOfficeCode} in province ${officeProvince}, not for province ${this.province}`);
    }
    const inserted: unknown[] = await em.query(
      `INSERT INTO shipment (shipment_id, produced_by, receiving_office_code, expedited, dispatched_at, card_count)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id) DO NOTHING RETURNING shipment_id`,
      [p.shipmentId, p.producedBy, p.receivingOfficeCode, p.expedited, new Date(p.dispatchedAt), p.cards.length],
    );
    if (inserted.length === 0) {
      this.logger.log({ event: 'shipment.already-recorded', shipmentId: p.shipmentId });
      return;
    }
    const lines = p.cards.map((c, i) => ({ shipmentId: p.shipmentId, position: i + 1, receiptNumber: c.receiptNumber, cardSerial: c.cardSerial, arrivedAt: null }));
    await em.insert(ShipmentCard, lines);
    const shipment = { shipmentId: p.shipmentId, producedBy: p.producedBy, dispatchedAt: new Date(p.dispatchedAt) };
    // Lock applications in one order, so two shipments naming the same receipts cannot deadlock.
    for (const line of [...lines].sort((a, b) => a.receiptNumber.localeCompare(b.receiptNumber))) {
      const application = await this.ledger.lock(em, line.receiptNumber);
      const outcome = manifestLineOutcome(application?.status ?? null);
      if (outcome.outcome === 'ship') await this.ship(em, application!, { ...shipment, cardSerial: line.cardSerial });
      else if (outcome.outcome === 'await-sign-off') this.logger.log({ event: 'shipment.card-before-sign-off', receipt: line.receiptNumber, shipmentId: p.shipmentId });
      else this.logger.warn({ event: 'shipment.line-kept', receipt: line.receiptNumber, cardSerial: line.cardSerial, shipmentId: p.shipmentId, reason: outcome.reason });
    }
    this.logger.log({ event: 'shipment.recorded', shipmentId: p.shipmentId, office: p.receivingOfficeCode, cards: lines.length });
  }

  /**
   * For an application just moved into production: a card already shipped for it (the shipment was read before the
   * sign-off) ships it now.
   */
  async shipWaitingCard(em: EntityManager, application: Application): Promise<void> {
    const waiting = await em
      .createQueryBuilder(ShipmentCard, 'line')
      .innerJoin(Shipment, 'shipment', 'shipment.shipment_id = line.shipment_id')
      .select(['line.shipment_id AS "shipmentId"', 'line.card_serial AS "cardSerial"', 'shipment.produced_by AS "producedBy"', 'shipment.dispatched_at AS "dispatchedAt"'])
      .where('line.receipt_number = :receipt', { receipt: application.receiptNumber })
      .orderBy('shipment.dispatched_at', 'DESC')
      .limit(1)
      .getRawOne<{ shipmentId: string; cardSerial: string; producedBy: string; dispatchedAt: Date }>();
    if (!waiting || manifestLineOutcome(application.status).outcome !== 'ship') return;
    await this.ship(em, application, waiting);
    this.logger.log({ event: 'shipment.caught-up', receipt: application.receiptNumber, shipmentId: waiting.shipmentId });
  }

  private ship(em: EntityManager, application: Application, s: { shipmentId: string; cardSerial: string; producedBy: string; dispatchedAt: Date }): Promise<void> {
    return this.ledger.moveOn(em, application, 'shipped', s.dispatchedAt, `card ${s.cardSerial} in shipment ${s.shipmentId} from the production centre of province ${s.producedBy}`, {
      cardSerial: s.cardSerial,
      shipmentId: s.shipmentId,
    });
  }
}
