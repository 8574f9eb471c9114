import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDayNumber, startOfCstDay } from '@idcard/contracts';
import { DataSource } from 'typeorm';
import { ApplicationLedger, stepActorOf } from '../applications/application-ledger';
import { CardForUnknownApplication, UnknownShipment } from '../domain/errors';
import { checkArrival } from '../domain/handover';
import { ShipmentManifest } from '../domain/shipment-manifest';
import { NotifyCitizenService } from '../notify-citizen/notify-citizen.service';
import { ShipmentRecords } from '../shipments/shipment-records';
import { ArrivalDto, ShipmentSummaryDto, ShipmentViewDto } from './shipment-view.dto';

/** The clerk opens a parcel and confirms its cards one by one against the manifest. */
@Injectable()
export class RecordArrivalsService {
  private readonly logger = new Logger(RecordArrivalsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    private readonly shipments: ShipmentRecords,
    private readonly notifyCitizen: NotifyCitizenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The parcels of the clerk's office still being checked in, and those finished today (CST). */
  async waiting(clerk: Principal): Promise<ShipmentSummaryDto[]> {
    if (!clerk.office) return [];
    const today = startOfCstDay(cstDayNumber(this.clock.now()));
    const shipments = await this.shipments.forOffice(this.dataSource.manager, clerk.office, today, 50);
    return shipments.map((s) => ({ ...s, dispatchedAt: s.dispatchedAt.toISOString(), complete: s.arrivedCount === s.cardCount }));
  }

  /** The manifest, for a clerk of the office the parcel is addressed to. */
  async manifest(shipmentId: string, reader: Principal): Promise<ShipmentViewDto> {
    const em = this.dataSource.manager;
    const shipment = await this.shipments.find(em, shipmentId);
    if (!shipment) throw new UnknownShipment(shipmentId);
    assertOwnOffice(reader, shipment.receivingOfficeCode);
    const manifest = new ShipmentManifest(shipmentId, await this.shipments.lines(em, shipmentId));
    const statusOf = await this.ledger.statuses(
      em,
      manifest.lines.map((l) => l.receiptNumber),
    );
    return {
      shipmentId,
      producedBy: shipment.producedBy,
      receivingOfficeCode: shipment.receivingOfficeCode,
      expedited: shipment.expedited,
      dispatchedAt: shipment.dispatchedAt.toISOString(),
      cardCount: shipment.cardCount,
      arrivedCount: manifest.lines.length - manifest.awaiting.length,
      complete: manifest.complete,
      cards: manifest.lines.map((l) => ({
        position: l.position,
        cardSerial: l.cardSerial,
        receiptNumber: l.receiptNumber,
        arrived: l.arrivedAt !== null,
        arrivedAt: l.arrivedAt?.toISOString() ?? null,
        applicationStatus: statusOf.get(l.receiptNumber) ?? null,
      })),
    };
  }

  /**
   * The card is in hand: its line and its application say so (with the clerk who confirmed it), and the citizen
   * gets an SMS, all in one commit. Only a clerk of the office the parcel is addressed to confirms its cards.
   */
  async recordArrival(shipmentId: string, cardSerial: string, clerk: Principal): Promise<ArrivalDto> {
    const arrivedAt = this.clock.now();
    const receiptNumber = await this.dataSource.transaction(async (em) => {
      const shipment = await this.shipments.find(em, shipmentId);
      if (!shipment) throw new UnknownShipment(shipmentId);
      assertOwnOffice(clerk, shipment.receivingOfficeCode);
      const line = new ShipmentManifest(shipmentId, await this.shipments.lockLine(em, shipmentId, cardSerial)).lineForArrival(cardSerial);
      const application = await this.ledger.lock(em, line.receiptNumber);
      if (!application) throw new CardForUnknownApplication(cardSerial, line.receiptNumber);
      checkArrival(application, cardSerial);
      await this.shipments.markArrived(em, shipmentId, line.position, arrivedAt);
      const detail = `card ${cardSerial} confirmed from shipment ${shipmentId} at office ${shipment.receivingOfficeCode}`;
      await this.ledger.transition(em, application, 'arrived', arrivedAt, detail, { arrivedAt }, stepActorOf(clerk));
      await this.notifyCitizen.queueArrivalNotice(em, application);
      return application.receiptNumber;
    });
    this.notifyCitizen.deliverSoon();
    this.logger.log({ event: 'card.arrived', receipt: receiptNumber, shipmentId, cardSerial });
    return { receiptNumber, status: 'arrived', arrivedAt: arrivedAt.toISOString() };
  }
}
