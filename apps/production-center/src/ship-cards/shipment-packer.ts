import { Inject, Injectable } from '@nestjs/common';
import { cstDate } from '@idcard/contracts';
import { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { PackedCard, shipmentIdFor } from '../domain/shipment';
import { Destination, LockedShipment, ShipmentLedger } from '../shipments/shipment-ledger';
import { ShipmentDispatcher } from './shipment-dispatcher';

/** Sorting by receiving office (按受理地分拣): finished cards go into the open shipment of their office. */
@Injectable()
export class ShipmentPacker {
  constructor(
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly shipments: ShipmentLedger,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /**
   * Starts packing the cards of one run inside its transaction: locks (or opens) the open shipment of every
   * office the run has batch cards for, in office-code order, so two lines running at once never deadlock.
   */
  async begin(em: EntityManager, destinations: readonly Destination[], now: Date): Promise<PackingRun> {
    const run = new PackingRun(em, now, this.identity.province, this.shipments, this.dispatcher);
    const offices = new Map(destinations.filter((d) => !d.expedited).map((d) => [d.receivingOfficeCode, d]));
    for (const code of [...offices.keys()].sort()) await run.shipmentFor(offices.get(code)!);
    return run;
  }
}

export class PackingRun {
  private readonly open = new Map<string, LockedShipment>();
  dispatched = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly now: Date,
    private readonly province: string,
    private readonly shipments: ShipmentLedger,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /** The shipment a card for this destination goes into: its office's open batch, or one of its own if expedited. */
  async shipmentFor(d: Destination): Promise<LockedShipment> {
    if (d.expedited) return (await this.openShipment(d, false))!;
    const known = this.open.get(d.receivingOfficeCode);
    if (known) return known;
    const shipment = await this.lockOrOpen(d);
    this.open.set(d.receivingOfficeCode, shipment);
    return shipment;
  }

  /** Puts a produced card into the shipment; a shipment that must leave now (expedited, full) is dispatched. */
  async put(shipment: LockedShipment, card: PackedCard): Promise<void> {
    await this.shipments.addCard(this.em, shipment, card);
    const reason = this.dispatcher.mustLeave(shipment, this.now);
    if (!reason) return;
    await this.dispatcher.close(this.em, shipment, reason, this.now);
    this.open.delete(shipment.receivingOfficeCode);
    this.dispatched++;
  }

  private async lockOrOpen(d: Destination): Promise<LockedShipment> {
    for (let attempt = 1; ; attempt++) {
      const found = await this.shipments.lockOpenBatch(this.em, d.receivingOfficeCode);
      if (found) return found;
      const opened = await this.openShipment(d, true);
      if (opened) return opened;
      // Another line opened (or dispatched) this office's shipment between the two statements: look again.
      if (attempt >= 5) throw new Error(`could not open a shipment for receiving office ${d.receivingOfficeCode}`);
    }
  }

  private async openShipment(d: Destination, unlessOneIsOpen: boolean): Promise<LockedShipment | null> {
    const shipmentId = shipmentIdFor(this.province, cstDate(this.now), await this.shipments.nextSequenceNumber(this.em));
    return this.shipments.open(this.em, shipmentId, d, this.now, unlessOneIsOpen);
  }
}
