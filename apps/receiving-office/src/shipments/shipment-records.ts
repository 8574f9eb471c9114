import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ManifestLine } from '../domain/shipment-manifest';
import { ShipmentCard } from './entities/shipment-card.entity';
import { Shipment } from './entities/shipment.entity';

/** A card on the manifest of a shipment to this office, and where it came from. */
export interface ShippedCard {
  shipmentId: string;
  cardSerial: string;
  producedBy: string;
  dispatchedAt: Date;
}

/** A parcel at a glance: how many of its cards are in hand. */
export interface ShipmentSummary {
  shipmentId: string;
  dispatchedAt: Date;
  expedited: boolean;
  cardCount: number;
  arrivedCount: number;
}

/** The shipment gateway: the only code that writes shipments and their manifest lines, inside the caller's transaction. */
@Injectable()
export class ShipmentRecords {
  /** Records a shipment and its manifest; false when it was already recorded (a redelivered message). */
  async record(em: EntityManager, shipment: Shipment, lines: readonly Omit<ManifestLine, 'arrivedAt'>[]): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO shipment (shipment_id, produced_by, receiving_office_code, expedited, dispatched_at, card_count)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id) DO NOTHING RETURNING shipment_id`,
      [shipment.shipmentId, shipment.producedBy, shipment.receivingOfficeCode, shipment.expedited, shipment.dispatchedAt, shipment.cardCount],
    );
    if (inserted.length === 0) return false;
    await em.insert(
      ShipmentCard,
      lines.map((l) => ({ ...l, shipmentId: shipment.shipmentId, arrivedAt: null })),
    );
    return true;
  }

  find(em: EntityManager, shipmentId: string): Promise<Shipment | null> {
    return em.findOne(Shipment, { where: { shipmentId } });
  }

  lines(em: EntityManager, shipmentId: string): Promise<ShipmentCard[]> {
    return em.find(ShipmentCard, { where: { shipmentId } });
  }

  /**
   * The manifest line of one card, locked (none when the card is not on this manifest). Only that line: clerks
   * confirming different cards of one parcel at the same time do not queue behind each other, and the same card
   * scanned twice at once is confirmed once (the second scan waits, then sees it arrived).
   */
  lockLine(em: EntityManager, shipmentId: string, cardSerial: string): Promise<ShipmentCard[]> {
    return em.find(ShipmentCard, { where: { shipmentId, cardSerial }, lock: { mode: 'pessimistic_write' } });
  }

  async markArrived(em: EntityManager, shipmentId: string, position: number, arrivedAt: Date): Promise<void> {
    await em.update(ShipmentCard, { shipmentId, position }, { arrivedAt });
  }

  /**
   * The parcels of one office a clerk still works on: those with a card not yet confirmed, and those whose last
   * card was confirmed since `since` (today's, at the counter), newest first.
   */
  async forOffice(em: EntityManager, receivingOfficeCode: string, since: Date, limit: number): Promise<ShipmentSummary[]> {
    const rows: { shipmentId: string; dispatchedAt: Date; expedited: boolean; cardCount: number; arrivedCount: string }[] = await em.query(
      `SELECT s.shipment_id AS "shipmentId", s.dispatched_at AS "dispatchedAt", s.expedited, s.card_count AS "cardCount",
              count(c.arrived_at) AS "arrivedCount"
         FROM shipment s JOIN shipment_card c ON c.shipment_id = s.shipment_id
        WHERE s.receiving_office_code = $1
        GROUP BY s.shipment_id
       HAVING count(c.arrived_at) < count(*) OR max(c.arrived_at) >= $2
        ORDER BY s.dispatched_at DESC, s.shipment_id
        LIMIT $3`,
      [receivingOfficeCode, since, limit],
    );
    return rows.map((r) => ({ ...r, arrivedCount: Number(r.arrivedCount) }));
  }

  /** The card most recently shipped for a receipt, if any shipment carried one. */
  async latestCardFor(em: EntityManager, receiptNumber: string): Promise<ShippedCard | null> {
    const card = await em
      .createQueryBuilder(ShipmentCard, 'line')
      .innerJoin(Shipment, 'shipment', 'shipment.shipment_id = line.shipment_id')
      .select([
        'line.shipment_id AS "shipmentId"',
        'line.card_serial AS "cardSerial"',
        'shipment.produced_by AS "producedBy"',
        'shipment.dispatched_at AS "dispatchedAt"',
      ])
      .where('line.receipt_number = :receipt', { receipt: receiptNumber })
      .orderBy('shipment.dispatched_at', 'DESC')
      .limit(1)
      .getRawOne<ShippedCard>();
    return card ?? null;
  }
}
