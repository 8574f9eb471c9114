import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { ManifestLine, PackedCard, ShipmentState, transition } from '../domain/shipment';
import { ShipmentCard } from './entities/shipment-card.entity';
import { Shipment } from './entities/shipment.entity';

/** Where a finished card is going. */
export interface Destination {
  receivingOfficeCode: string;
  receivingProvince: string;
  expedited: boolean;
}

/** A shipment as it was locked, about to take cards or to close. */
export interface LockedShipment extends Destination {
  shipmentId: string;
  state: ShipmentState;
  cardCount: number;
  /** When its first (oldest) card went in. */
  openedAt: Date;
}

interface ShipmentRow {
  shipment_id: string;
  receiving_office_code: string;
  receiving_province: string;
  state: ShipmentState;
  expedited: boolean;
  card_count: number;
  opened_at: Date;
}

const COLUMNS = 'shipment_id, receiving_office_code, receiving_province, state, expedited, card_count, opened_at';

function locked(r: ShipmentRow): LockedShipment {
  return {
    shipmentId: r.shipment_id,
    receivingOfficeCode: r.receiving_office_code,
    receivingProvince: r.receiving_province,
    state: r.state,
    expedited: r.expedited,
    cardCount: r.card_count,
    openedAt: r.opened_at,
  };
}

/**
 * The shipments of this centre and the cards in them: the only code that writes the shipment and shipment_card
 * tables. Writes run in the caller's transaction; every state change goes through the shipment's transition
 * function (src/domain/shipment.ts).
 */
@Injectable()
export class ShipmentLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The next number of the centre's shipment sequence. */
  async nextSequenceNumber(em: EntityManager): Promise<number> {
    const [{ sequence }]: { sequence: string }[] = await em.query(`SELECT nextval('shipment_seq') AS sequence`);
    return Number(sequence);
  }

  /**
   * A new, empty shipment: an office's open batch, or an expedited card's own shipment, dispatched from the start.
   * With `unlessOneIsOpen`, null when the office has an open batch already (another line opened it meanwhile).
   */
  async open(em: EntityManager, shipmentId: string, d: Destination, at: Date, unlessOneIsOpen = false): Promise<LockedShipment | null> {
    const state = transition(null, d.expedited ? 'dispatched' : 'open');
    const inserted: unknown[] = await em.query(
      `INSERT INTO shipment (shipment_id, receiving_office_code, receiving_province, state, expedited, card_count, opened_at, dispatched_at)
       VALUES ($1, $2, $3, $4, $5, 0, $6, $7)
       ${unlessOneIsOpen ? `ON CONFLICT (receiving_office_code) WHERE state = 'open' DO NOTHING` : ''}
       RETURNING shipment_id`,
      [shipmentId, d.receivingOfficeCode, d.receivingProvince, state, d.expedited, at, state === 'dispatched' ? at : null],
    );
    if (inserted.length === 0) return null;
    return { ...d, shipmentId, state, cardCount: 0, openedAt: at };
  }

  /** The open batch of a receiving office, locked, or null when it has none. */
  async lockOpenBatch(em: EntityManager, receivingOfficeCode: string): Promise<LockedShipment | null> {
    const [row]: ShipmentRow[] = await em.query(`SELECT ${COLUMNS} FROM shipment WHERE receiving_office_code = $1 AND state = 'open' FOR UPDATE`, [
      receivingOfficeCode,
    ]);
    return row ? locked(row) : null;
  }

  /** The shipment if it is still open, locked; null once it has been dispatched. */
  async lockIfOpen(em: EntityManager, shipmentId: string): Promise<LockedShipment | null> {
    const [row]: ShipmentRow[] = await em.query(`SELECT ${COLUMNS} FROM shipment WHERE shipment_id = $1 AND state = 'open' FOR UPDATE`, [shipmentId]);
    return row ? locked(row) : null;
  }

  /** Open shipments with cards that were opened at or before the cut-off or hold sizeLimit cards, oldest first, locked (SKIP LOCKED). */
  async lockDue(em: EntityManager, cutOff: Date, sizeLimit: number, limit: number): Promise<LockedShipment[]> {
    const rows: ShipmentRow[] = await em.query(
      `SELECT ${COLUMNS} FROM shipment
        WHERE state = 'open' AND card_count > 0 AND (opened_at <= $1 OR card_count >= $2)
        ORDER BY opened_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [cutOff, sizeLimit, limit],
    );
    return rows.map(locked);
  }

  /** Puts a produced card into a locked shipment, after the cards already in it. */
  async addCard(em: EntityManager, shipment: LockedShipment, card: PackedCard): Promise<void> {
    const position = shipment.cardCount + 1;
    await em.query(`INSERT INTO shipment_card (shipment_id, position, receipt_number, card_serial) VALUES ($1, $2, $3, $4)`, [
      shipment.shipmentId,
      position,
      card.receiptNumber,
      card.cardSerial,
    ]);
    await em.query(`UPDATE shipment SET card_count = $2 WHERE shipment_id = $1`, [shipment.shipmentId, position]);
    shipment.cardCount = position;
  }

  cards(em: EntityManager, shipmentId: string): Promise<ShipmentCard[]> {
    return em.find(ShipmentCard, { where: { shipmentId } });
  }

  /**
   * Closes a locked shipment: its cards are renumbered into manifest order, and an open batch is dispatched (an
   * expedited shipment was dispatched when it was opened).
   */
  async close(em: EntityManager, shipment: LockedShipment, manifest: readonly ManifestLine[], at: Date): Promise<void> {
    await em.query(
      `UPDATE shipment_card c SET position = m.position
         FROM unnest($2::text[], $3::int[]) AS m(receipt_number, position)
        WHERE c.shipment_id = $1 AND c.receipt_number = m.receipt_number`,
      [shipment.shipmentId, manifest.map((l) => l.receiptNumber), manifest.map((l) => l.position)],
    );
    if (shipment.state === 'dispatched') return;
    const state = transition(shipment.state, 'dispatched');
    // TypeORM answers an UPDATE with [rows, affected].
    const [, closed]: [unknown[], number] = await em.query(`UPDATE shipment SET state = $3, dispatched_at = $2 WHERE shipment_id = $1 AND state = 'open'`, [
      shipment.shipmentId,
      at,
      state,
    ]);
    if (closed !== 1) throw new Error(`shipment ${shipment.shipmentId} is not open; it cannot be dispatched`);
    shipment.state = state;
  }

  /** Shipments, newest first. */
  list(filter: { receivingOfficeCode?: string; state?: ShipmentState }, limit: number): Promise<Shipment[]> {
    const where: FindOptionsWhere<Shipment> = {};
    if (filter.receivingOfficeCode) where.receivingOfficeCode = filter.receivingOfficeCode;
    if (filter.state) where.state = filter.state;
    return this.dataSource.getRepository(Shipment).find({ where, order: { openedAt: 'DESC', shipmentId: 'DESC' }, take: limit });
  }

  /** One shipment and its cards, or null when this centre has none by that id. */
  async find(shipmentId: string): Promise<{ shipment: Shipment; cards: ShipmentCard[] } | null> {
    const shipment = await this.dataSource.getRepository(Shipment).findOneBy({ shipmentId });
    if (!shipment) return null;
    return { shipment, cards: await this.cards(this.dataSource.manager, shipmentId) };
  }
}
