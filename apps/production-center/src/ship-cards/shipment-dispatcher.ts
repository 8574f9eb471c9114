import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@idcard/clock';
import { MessageType, ShipmentDispatched, topics } from '@idcard/contracts';
import { OutboxWriter } from '@idcard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { PRODUCTION_SETTINGS, ProductionSettings } from '../config';
import { ClosingReason, closingReason, cutOffFor, manifestOf } from '../domain/shipment';
import { ShipmentCard } from './entities/shipment-card.entity';

/** A shipment about to close, as it was locked. */
export interface ShipmentToClose {
  shipmentId: string;
  receivingOfficeCode: string;
  receivingProvince: string;
  expedited: boolean;
}

interface DueRow {
  shipment_id: string;
  receiving_office_code: string;
  receiving_province: string;
  expedited: boolean;
  card_count: number;
  opened_at: Date;
}

const DUE_BATCH = 500;

/** Closes shipments and sends them on their way to the receiving office, with the manifest. */
@Injectable()
export class ShipmentDispatcher {
  private readonly logger = new Logger(ShipmentDispatcher.name);

  constructor(
    @Inject(PRODUCTION_SETTINGS) private readonly settings: ProductionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Dispatches every open shipment whose oldest card has waited the cut-off (or that is full); resolves how many. */
  async dispatchDue(): Promise<number> {
    const now = this.clock.now();
    const rules = this.settings.shipmentRules;
    return this.dataSource.transaction(async (em) => {
      const rows: DueRow[] = await em.query(
        `SELECT shipment_id, receiving_office_code, receiving_province, expedited, card_count, opened_at FROM shipment
          WHERE state = 'open' AND card_count > 0 AND (opened_at <= $1 OR card_count >= $2)
          ORDER BY opened_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [cutOffFor(now, rules), rules.sizeLimit, DUE_BATCH],
      );
      let dispatched = 0;
      for (const row of rows) {
        const reason = closingReason({ expedited: row.expedited, cardCount: row.card_count, openedAt: row.opened_at }, now, rules);
        if (!reason) continue;
        await this.close(
          em,
          { shipmentId: row.shipment_id, receivingOfficeCode: row.receiving_office_code, receivingProvince: row.receiving_province, expedited: row.expedited },
          reason,
          now,
        );
        dispatched++;
      }
      return dispatched;
    });
  }

  /**
   * Closes a shipment the caller has locked (an expedited one is dispatched from the start): its cards are
   * renumbered into manifest order, and ShipmentDispatched goes to the receiving office's province in the same transaction.
   */
  async close(em: EntityManager, shipment: ShipmentToClose, reason: ClosingReason, now: Date): Promise<void> {
    const cards = await em.find(ShipmentCard, { where: { shipmentId: shipment.shipmentId } });
    const manifest = manifestOf(cards);
    await em.query(
      `UPDATE shipment_card c SET position = m.position
         FROM unnest($2::text[], $3::int[]) AS m(receipt_number, position)
        WHERE c.shipment_id = $1 AND c.receipt_number = m.receipt_number`,
      [shipment.shipmentId, manifest.map((l) => l.receiptNumber), manifest.map((l) => l.position)],
    );
    if (!shipment.expedited) {
      // TypeORM answers an UPDATE with [rows, affected].
      const [, closed]: [unknown[], number] = await em.query(`UPDATE shipment SET state = 'dispatched', dispatched_at = $2 WHERE shipment_id = $1 AND state = 'open'`, [
        shipment.shipmentId,
        now,
      ]);
      if (closed !== 1) throw new Error(`shipment ${shipment.shipmentId} is not open; it cannot be dispatched`);
    }
    const payload: ShipmentDispatched = {
      shipmentId: shipment.shipmentId,
      producedBy: this.settings.province as ShipmentDispatched['producedBy'],
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
    this.logger.log({ event: 'shipment.dispatched', shipmentId: shipment.shipmentId, receivingOfficeCode: shipment.receivingOfficeCode, reason, cards: manifest.length });
  }
}
