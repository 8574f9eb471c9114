import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sealedText } from '@idcard/biometrics';
import type { ProductionOrdered } from '@idcard/contracts';
import { activeTraceContext } from '@idcard/tracing';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppliedAs, DeadlineReport, EscalationLevel } from '../domain/escalation';
import { transition } from '../domain/production-order';
import { QUEUE_ORDER } from '../domain/production-queue';
import { ProductionOrder } from './entities/production-order.entity';

/** How an order arrives: queued for the line with the photo to print, or forwarded to the centre that prints its script. */
export type Arrival = { state: 'queued'; photoJpeg: Buffer } | { state: 'forwarded'; forwardedTo: string };

/** Who made a card: the operator whose POST /production/run it was (from the token), or null for the line's timer. */
export interface Operator {
  subject: string;
  name: string;
}

/** What an order records when its card is made. */
export interface ProducedCard {
  cardSerial: string;
  issueDate: string;
  expiresOn: string | null;
  producedAt: Date;
  shipmentId: string;
  producedBy: Operator | null;
}

/** A deadline report as GET /escalations lists it. */
export interface EscalationRecord {
  receiptNumber: string;
  escalation: EscalationLevel;
  daysLeft: number;
  receivedAt: Date;
  /** null: kept until the order arrives. */
  appliedAs: AppliedAs | null;
}

/**
 * The production orders of this centre and the deadline reports about them: the only code that writes the
 * production_order and deadline_escalation tables. Writes run in the caller's transaction; every state change
 * goes through the order's transition function (src/domain/production-order.ts).
 */
@Injectable()
export class OrderLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an order as it arrives; false (and nothing changes) when this receipt reached the centre before. */
  async receive(em: EntityManager, order: ProductionOrdered, arrival: Arrival, receivedAt: Date): Promise<boolean> {
    const state = transition(null, arrival.state);
    const trace = activeTraceContext();
    const inserted: unknown[] = await em.query(
      `INSERT INTO production_order (
         receipt_number, state, kind, id_number, name, sex, birth_date, ethnic_group, photo_jpeg, photo_sha256, card_script,
         expedited, due_at, ordered_at, received_at, home_province, receiving_province, receiving_office_code, forwarded_from, forwarded_to,
         trace_parent, trace_state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (receipt_number) DO NOTHING RETURNING receipt_number`,
      [
        order.receiptNumber,
        state,
        order.kind,
        order.citizen.idNumber.toUpperCase(),
        order.citizen.name,
        order.citizen.sex,
        order.citizen.birthDate,
        order.citizen.ethnicGroup,
        // Sealed at rest like every photo (the column's transformer does not run for a raw query).
        arrival.state === 'queued' ? sealedText.to(arrival.photoJpeg.toString('base64')) : null,
        order.photo.sha256,
        order.cardScript ?? null,
        order.expedited,
        new Date(order.dueAt),
        new Date(order.orderedAt),
        receivedAt,
        order.homeProvince,
        order.receivingProvince,
        order.receivingOfficeCode,
        order.forwardedFrom ?? null,
        arrival.state === 'forwarded' ? arrival.forwardedTo : null,
        // The trace the order arrived in (the inbox's consumer span), for the line to make the card in (null with tracing off).
        trace?.traceparent ?? null,
        trace?.tracestate ?? null,
      ],
    );
    return inserted.length > 0;
  }

  /** The order, locked until the transaction ends, or null when it has not reached this centre. */
  lock(em: EntityManager, receiptNumber: string): Promise<ProductionOrder | null> {
    return em.findOne(ProductionOrder, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
  }

  find(receiptNumber: string): Promise<ProductionOrder | null> {
    return this.dataSource.getRepository(ProductionOrder).findOneBy({ receiptNumber });
  }

  /** Up to `limit` queued orders in queue order, locked; SKIP LOCKED, so lines running at once share the queue. */
  claimQueued(em: EntityManager, limit: number): Promise<ProductionOrder[]> {
    return this.queued(em).limit(limit).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
  }

  /** The first `limit` queued orders in queue order, and how many are queued in all. */
  queue(limit: number): Promise<[ProductionOrder[], number]> {
    return this.queued(this.dataSource.manager).take(limit).getManyAndCount();
  }

  /** The next number of the centre's card serial sequence. */
  async nextSerialNumber(em: EntityManager): Promise<number> {
    const [{ sequence }]: { sequence: string }[] = await em.query(`SELECT nextval('card_serial_seq') AS sequence`);
    return Number(sequence);
  }

  /** A claimed queued order whose card is made: its serial and shipment are recorded, and the photo is let go. */
  async produced(em: EntityManager, order: ProductionOrder, card: ProducedCard): Promise<void> {
    const state = transition(order.state, 'produced');
    const { producedBy, ...made } = card;
    const recorded = { ...made, producedBySubject: producedBy?.subject ?? null, producedByName: producedBy?.name ?? null };
    const result = await em.update(ProductionOrder, { receiptNumber: order.receiptNumber, state: order.state }, { ...recorded, state, photoJpegBase64: null });
    if (result.affected !== 1) throw new Error(`order ${order.receiptNumber} is no longer ${order.state}; its card cannot be recorded`);
    Object.assign(order, recorded, { state });
  }

  /** A queued order reported near or past its limit: to the front of the queue (the most severe report counts), and expedited. */
  async expedite(em: EntityManager, receiptNumber: string, escalation: EscalationLevel): Promise<void> {
    await em.query(`UPDATE production_order SET escalation = greatest(escalation, $2), expedited = true WHERE receipt_number = $1`, [
      receiptNumber,
      escalation,
    ]);
  }

  /** The deadline report kept for a receipt, locked until the transaction ends, or null. */
  async lockReport(em: EntityManager, receiptNumber: string): Promise<DeadlineReport | null> {
    const [kept]: { escalation: EscalationLevel; message_type: DeadlineReport['type']; payload: DeadlineReport['payload'] }[] = await em.query(
      `SELECT escalation, message_type, payload FROM deadline_escalation WHERE receipt_number = $1 FOR UPDATE`,
      [receiptNumber],
    );
    return kept ? { escalation: kept.escalation, type: kept.message_type, payload: kept.payload } : null;
  }

  /** Keeps a report (replacing the one kept before, which is then applied again). */
  async keepReport(em: EntityManager, report: DeadlineReport, receivedAt: Date): Promise<void> {
    await em.query(
      `INSERT INTO deadline_escalation (receipt_number, escalation, message_type, payload, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (receipt_number) DO UPDATE
         SET escalation = EXCLUDED.escalation, message_type = EXCLUDED.message_type, payload = EXCLUDED.payload,
             received_at = EXCLUDED.received_at, applied_at = NULL, applied_as = NULL`,
      [report.payload.receiptNumber, report.escalation, report.type, JSON.stringify(report.payload), receivedAt],
    );
  }

  async reportApplied(em: EntityManager, receiptNumber: string, at: Date, appliedAs: AppliedAs): Promise<void> {
    await em.query(`UPDATE deadline_escalation SET applied_at = $2, applied_as = $3 WHERE receipt_number = $1`, [receiptNumber, at, appliedAs]);
  }

  /** The latest `limit` reports, how many there are, and how many are kept for orders not received yet. */
  async reports(limit: number): Promise<{ total: number; kept: number; reports: EscalationRecord[] }> {
    const [counts]: { total: string; kept: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE applied_at IS NULL) AS kept FROM deadline_escalation`,
    );
    const rows: { receipt_number: string; escalation: EscalationLevel; payload: { daysLeft: number }; received_at: Date; applied_as: AppliedAs | null }[] =
      await this.dataSource.query(
        `SELECT receipt_number, escalation, payload, received_at, applied_as FROM deadline_escalation ORDER BY received_at DESC, receipt_number LIMIT $1`,
        [limit],
      );
    return {
      total: Number(counts.total),
      kept: Number(counts.kept),
      reports: rows.map((r) => ({
        receiptNumber: r.receipt_number,
        escalation: r.escalation,
        daysLeft: r.payload.daysLeft,
        receivedAt: r.received_at,
        appliedAs: r.applied_as,
      })),
    };
  }

  /** Queued orders in production order (QUEUE_ORDER, served by the partial index production_order_queue: hence the literal state). */
  private queued(em: EntityManager): SelectQueryBuilder<ProductionOrder> {
    const qb = em.getRepository(ProductionOrder).createQueryBuilder('o').where(`o.state = 'queued'`);
    for (const { key, direction } of QUEUE_ORDER) qb.addOrderBy(`o.${key}`, direction);
    return qb;
  }
}
