import { Inject, Injectable } from '@nestjs/common';
import { cstDate } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { PRODUCTION_SETTINGS, ProductionSettings } from '../config';
import { ClosingReason, closingReason, PackedCard, shipmentIdFor } from '../domain/shipment';
import { ShipmentDispatcher, ShipmentToClose } from './shipment-dispatcher';

/** Where a finished card is going. */
export interface Destination {
  receivingOfficeCode: string;
  receivingProvince: string;
  expedited: boolean;
}

export interface ShipmentInPacking extends ShipmentToClose {
  cardCount: number;
  openedAt: Date;
}

interface OpenRow {
  shipment_id: string;
  card_count: number;
  opened_at: Date;
}

/** Sorting by receiving office (按受理地分拣): finished cards go into the open shipment of their office. */
@Injectable()
export class ShipmentPacker {
  constructor(
    @Inject(PRODUCTION_SETTINGS) private readonly settings: ProductionSettings,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /**
   * Starts packing the cards of one run inside its transaction: locks (or opens) the open shipment of every
   * office the run has batch cards for, in office-code order, so two lines running at once never deadlock.
   */
  async begin(em: EntityManager, destinations: readonly Destination[], now: Date): Promise<PackingRun> {
    const run = new PackingRun(em, now, this.settings, this.dispatcher);
    const offices = new Map(destinations.filter((d) => !d.expedited).map((d) => [d.receivingOfficeCode, d]));
    for (const code of [...offices.keys()].sort()) await run.shipmentFor(offices.get(code)!);
    return run;
  }
}

export class PackingRun {
  private readonly open = new Map<string, ShipmentInPacking>();
  dispatched = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly now: Date,
    private readonly settings: ProductionSettings,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /** The shipment a card for this destination goes into: its office's open batch, or one of its own if expedited. */
  async shipmentFor(d: Destination): Promise<ShipmentInPacking> {
    if (d.expedited) return this.openShipment(d);
    const known = this.open.get(d.receivingOfficeCode);
    if (known) return known;
    const shipment = await this.lockOrOpen(d);
    this.open.set(d.receivingOfficeCode, shipment);
    return shipment;
  }

  /** Puts a produced card into the shipment; a shipment that must leave now (expedited, full) is dispatched. */
  async put(shipment: ShipmentInPacking, card: PackedCard): Promise<ClosingReason | null> {
    const position = shipment.cardCount + 1;
    await this.em.query(`INSERT INTO shipment_card (shipment_id, position, receipt_number, card_serial) VALUES ($1, $2, $3, $4)`, [
      shipment.shipmentId,
      position,
      card.receiptNumber,
      card.cardSerial,
    ]);
    await this.em.query(`UPDATE shipment SET card_count = $2 WHERE shipment_id = $1`, [shipment.shipmentId, position]);
    shipment.cardCount = position;
    const reason = closingReason(shipment, this.now, this.settings.shipmentRules);
    if (reason) {
      await this.dispatcher.close(this.em, shipment, reason, this.now);
      this.open.delete(shipment.receivingOfficeCode);
      this.dispatched++;
    }
    return reason;
  }

  private async lockOrOpen(d: Destination): Promise<ShipmentInPacking> {
    for (let attempt = 1; ; attempt++) {
      const [found]: OpenRow[] = await this.em.query(
        `SELECT shipment_id, card_count, opened_at FROM shipment
          WHERE receiving_office_code = $1 AND state = 'open' FOR UPDATE`,
        [d.receivingOfficeCode],
      );
      if (found) return inPacking(d, found.shipment_id, found.card_count, found.opened_at);
      const opened = await this.openShipment(d, true);
      if (opened) return opened;
      // Another line opened (or dispatched) this office's shipment between the two statements: look again.
      if (attempt >= 5) throw new Error(`could not open a shipment for receiving office ${d.receivingOfficeCode}`);
    }
  }

  /** A new shipment: an office's open batch, or an expedited card's own shipment, dispatched from the start. */
  private openShipment(d: Destination): Promise<ShipmentInPacking>;
  private openShipment(d: Destination, unlessOneIsOpen: true): Promise<ShipmentInPacking | null>;
  private async openShipment(d: Destination, unlessOneIsOpen = false): Promise<ShipmentInPacking | null> {
    const [{ sequence }]: { sequence: string }[] = await this.em.query(`SELECT nextval('shipment_seq') AS sequence`);
    const shipmentId = shipmentIdFor(this.settings.province, cstDate(this.now), Number(sequence));
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO shipment (shipment_id, receiving_office_code, receiving_province, state, expedited, card_count, opened_at, dispatched_at)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7)
       ${unlessOneIsOpen ? `ON CONFLICT (receiving_office_code) WHERE state = 'open' DO NOTHING` : ''}
       RETURNING shipment_id`,
      [shipmentId, d.receivingOfficeCode, d.receivingProvince, d.expedited ? 'dispatched' : 'open', d.expedited, this.now, d.expedited ? this.now : null],
    );
    if (inserted.length === 0) return null;
    return inPacking(d, shipmentId, 0, this.now);
  }
}

function inPacking(d: Destination, shipmentId: string, cardCount: number, openedAt: Date): ShipmentInPacking {
  return { shipmentId, receivingOfficeCode: d.receivingOfficeCode, receivingProvince: d.receivingProvince, expedited: d.expedited, cardCount, openedAt };
}
