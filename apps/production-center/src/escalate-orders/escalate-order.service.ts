import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DeadlineBreached, DeadlineWarning, MessageType, topics } from '@idcard/contracts';
import { OutboxWriter, RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { PRODUCTION_SETTINGS, ProductionSettings } from '../config';
import { EscalationAction, escalationAction, EscalationLevel, replacesKept } from '../domain/escalation';
import { ProductionOrderState } from '../take-orders/entities/production-order.entity';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';

type DeadlineMessageType = typeof MessageType.DeadlineWarning | typeof MessageType.DeadlineBreached;

/** A deadline report as kept by the centre until it reaches its order. */
export interface KeptEscalation {
  escalation: EscalationLevel;
  type: DeadlineMessageType;
  payload: DeadlineWarning | DeadlineBreached;
}

/** The order an escalation applies to, locked by the caller. */
export interface EscalatedOrder {
  receiptNumber: string;
  state: ProductionOrderState;
  idNumber: string;
  forwardedTo: string | null;
  shipmentId: string | null;
}

const APPLIED_AS: Record<Exclude<EscalationAction, 'keep'>, string> = {
  expedite: 'expedited',
  'pass-on': 'passed_on',
  'ship-at-once': 'shipped_at_once',
  'already-shipped': 'already_shipped',
};

/**
 * A receiving office's warning or breach of the 60-day limit: the order moves to the front of the queue and
 * becomes expedited; a report for an order not received yet is kept and applied when it arrives; a forwarded
 * order's report follows it to the centre it went to.
 */
@Injectable()
export class EscalateOrderService {
  private readonly logger = new Logger(EscalateOrderService.name);

  constructor(
    @Inject(PRODUCTION_SETTINGS) private readonly settings: ProductionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /** A DeadlineWarning or DeadlineBreached from this province's receiving office, or passed on by another centre. */
  async received(em: EntityManager, type: DeadlineMessageType, payload: DeadlineWarning | DeadlineBreached, source: { province: string; service: string }): Promise<void> {
    const fromOurOffice = source.service === 'receiving-office' && source.province === this.settings.province;
    if (!fromOurOffice && source.service !== 'production-center') {
      throw new RejectMessage(`${type} for ${payload.receiptNumber} came from the ${source.service} of province ${source.province}; only the receiving office of province ${this.settings.province} or a production centre reports deadlines here`);
    }
    const incoming: KeptEscalation = { escalation: type === MessageType.DeadlineBreached ? 2 : 1, type, payload };
    const [kept]: { escalation: EscalationLevel }[] = await em.query(`SELECT escalation FROM deadline_escalation WHERE receipt_number = $1 FOR UPDATE`, [payload.receiptNumber]);
    if (!replacesKept(incoming.escalation, kept?.escalation ?? null)) {
      this.logger.log({ event: 'escalation.milder-than-kept', receipt: payload.receiptNumber, type });
      return;
    }
    await em.query(
      `INSERT INTO deadline_escalation (receipt_number, escalation, message_type, payload, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (receipt_number) DO UPDATE
         SET escalation = EXCLUDED.escalation, message_type = EXCLUDED.message_type, payload = EXCLUDED.payload,
             received_at = EXCLUDED.received_at, applied_at = NULL, applied_as = NULL`,
      [payload.receiptNumber, incoming.escalation, type, JSON.stringify(payload), this.clock.now()],
    );
    const order = await this.lockOrder(em, payload.receiptNumber);
    if (!order) {
      this.logger.log({ event: 'escalation.kept', receipt: payload.receiptNumber, type, daysLeft: payload.daysLeft });
      return;
    }
    await this.apply(em, order, incoming);
  }

  /** Applies a report kept for this order; called when the order arrives, in its transaction. */
  async applyKept(em: EntityManager, order: EscalatedOrder): Promise<void> {
    const [kept]: { escalation: EscalationLevel; message_type: DeadlineMessageType; payload: DeadlineWarning | DeadlineBreached }[] = await em.query(
      `SELECT escalation, message_type, payload FROM deadline_escalation WHERE receipt_number = $1 FOR UPDATE`,
      [order.receiptNumber],
    );
    if (kept) await this.apply(em, order, { escalation: kept.escalation, type: kept.message_type, payload: kept.payload });
  }

  private async lockOrder(em: EntityManager, receiptNumber: string): Promise<EscalatedOrder | null> {
    const [row]: { state: ProductionOrderState; id_number: string; forwarded_to: string | null; shipment_id: string | null }[] = await em.query(
      `SELECT state, id_number, forwarded_to, shipment_id FROM production_order WHERE receipt_number = $1 FOR UPDATE`,
      [receiptNumber],
    );
    return row ? { receiptNumber, state: row.state, idNumber: row.id_number, forwardedTo: row.forwarded_to, shipmentId: row.shipment_id } : null;
  }

  private async apply(em: EntityManager, order: EscalatedOrder, e: KeptEscalation): Promise<void> {
    const now = this.clock.now();
    const [openShipment]: { shipment_id: string; receiving_office_code: string; receiving_province: string; expedited: boolean }[] =
      order.state === 'produced' && order.shipmentId
        ? await em.query(`SELECT shipment_id, receiving_office_code, receiving_province, expedited FROM shipment WHERE shipment_id = $1 AND state = 'open' FOR UPDATE`, [order.shipmentId])
        : [];
    const action = escalationAction(order.state, openShipment !== undefined);
    if (action === 'keep') return;
    if (action === 'expedite') {
      await em.query(`UPDATE production_order SET escalation = greatest(escalation, $2), expedited = true WHERE receipt_number = $1`, [order.receiptNumber, e.escalation]);
    } else if (action === 'pass-on') {
      await this.outbox.add(em, { topic: topics.productionOrders(order.forwardedTo!), key: order.idNumber, type: e.type, payload: e.payload, correlationId: order.receiptNumber });
    } else if (action === 'ship-at-once') {
      const s = openShipment!;
      await this.dispatcher.close(em, { shipmentId: s.shipment_id, receivingOfficeCode: s.receiving_office_code, receivingProvince: s.receiving_province, expedited: s.expedited }, 'escalated', now);
    }
    await em.query(`UPDATE deadline_escalation SET applied_at = $2, applied_as = $3 WHERE receipt_number = $1`, [order.receiptNumber, now, APPLIED_AS[action]]);
    this.logger.log({ event: 'order.escalated', receipt: order.receiptNumber, type: e.type, daysLeft: e.payload.daysLeft, action, ...(action === 'pass-on' ? { to: order.forwardedTo } : {}) });
  }
}
