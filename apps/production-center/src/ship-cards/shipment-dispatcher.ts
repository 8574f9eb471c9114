import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@idcard/clock';
import { MessageType, ShipmentDispatched, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource, EntityManager } from 'typeorm';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from '../config';
import { UnknownShipment } from '../domain/errors';
import { ClosingReason, closingReason, cutOffFor, manifestOf, ShipmentRules, ShipmentState } from '../domain/shipment';
import { Shipment } from '../shipments/entities/shipment.entity';
import { LockedShipment, ShipmentLedger } from '../shipments/shipment-ledger';
import { ShipmentView } from './dto/shipment.view';

const DUE_BATCH = 500;

/** Closes shipments and sends them on their way to the receiving office, with the manifest; answers what shipments there are. */
@Injectable()
export class ShipmentDispatcher {
  private readonly logger = new Logger(ShipmentDispatcher.name);
  private readonly rules: ShipmentRules;

  constructor(
    @Inject(PRODUCTION_CENTER_SETTINGS) settings: ProductionCenterSettings,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly shipments: ShipmentLedger,
  ) {
    this.rules = { sizeLimit: settings.shipmentSizeLimit, maxWaitMs: settings.shipmentMaxWaitMs };
  }

  /** Dispatches every open shipment whose oldest card has waited the cut-off (or that is full); resolves how many. */
  async dispatchDue(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      let dispatched = 0;
      for (const shipment of await this.shipments.lockDue(em, cutOffFor(now, this.rules), this.rules.sizeLimit, DUE_BATCH)) {
        const reason = closingReason(shipment, now, this.rules);
        if (!reason) continue;
        await this.close(em, shipment, reason, now);
        dispatched++;
      }
      return dispatched;
    });
  }

  /** Why a shipment that just took a card must leave now, or null while it may wait (the packer asks). */
  mustLeave(shipment: LockedShipment, now: Date): ClosingReason | null {
    return closingReason(shipment, now, this.rules);
  }

  /**
   * Closes a shipment the caller has locked: its cards are renumbered into manifest order, and ShipmentDispatched
   * goes to the receiving office's province in the same transaction.
   */
  async close(em: EntityManager, shipment: LockedShipment, reason: ClosingReason, now: Date): Promise<void> {
    const manifest = manifestOf(await this.shipments.cards(em, shipment.shipmentId));
    await this.shipments.close(em, shipment, manifest, now);
    const payload: ShipmentDispatched = {
      shipmentId: shipment.shipmentId,
      producedBy: this.identity.province as ShipmentDispatched['producedBy'],
      receivingOfficeCode: shipment.receivingOfficeCode,
      expedited: shipment.expedited,
      dispatchedAt: now.toISOString(),
      cards: manifest.map((l) => ({ receiptNumber: l.receiptNumber, cardSerial: l.cardSerial })),
    };
    await this.outbox.add(em, {
      topic: topics.receivingShipments(shipment.receivingProvince),
      // A shipment carries many citizens: keyed by office, so one office's shipments stay in order.
      key: shipment.receivingOfficeCode,
      type: MessageType.ShipmentDispatched,
      payload,
      // A shipment is about many applications; the shipment id ties its messages together.
      correlationId: shipment.shipmentId,
    });
    this.logger.log({
      event: 'shipment.dispatched',
      shipmentId: shipment.shipmentId,
      receivingOfficeCode: shipment.receivingOfficeCode,
      reason,
      cards: manifest.length,
    });
  }

  /** Shipments, newest first, by receiving office and state. */
  list(filter: { receivingOfficeCode?: string; state?: ShipmentState }, limit: number): Promise<Shipment[]> {
    return this.shipments.list(filter, limit);
  }

  /** One shipment with its manifest; UnknownShipment when this centre has none by that id. */
  async find(shipmentId: string): Promise<ShipmentView> {
    const found = await this.shipments.find(shipmentId);
    if (!found) throw new UnknownShipment(shipmentId);
    return ShipmentView.withManifest(found.shipment, manifestOf(found.cards));
  }
}
