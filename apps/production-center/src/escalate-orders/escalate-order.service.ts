import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DeadlineBreached, DeadlineWarning, topics } from '@idcard/contracts';
import { OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { APPLIED_AS, DeadlineMessageType, DeadlineReport, deadlineReport, escalationAction, replacesKept } from '../domain/escalation';
import { ProductionOrder } from '../orders/entities/production-order.entity';
import { EscalationRecord, OrderLedger } from '../orders/order-ledger';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';
import { ShipmentLedger } from '../shipments/shipment-ledger';

/** The order an escalation applies to, locked by the caller. */
export type EscalatedOrder = Pick<ProductionOrder, 'receiptNumber' | 'state' | 'idNumber' | 'forwardedTo' | 'shipmentId'>;

/**
 * A receiving office's warning or breach of the 60-day limit: the order moves to the front of the queue and
 * becomes expedited; a report for an order not received yet is kept and applied when it arrives; a forwarded
 * order's report follows it to the centre it went to.
 */
@Injectable()
export class EscalateOrderService {
  private readonly logger = new Logger(EscalateOrderService.name);

  constructor(
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly orders: OrderLedger,
    private readonly shipments: ShipmentLedger,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  /** A DeadlineWarning or DeadlineBreached from this province's receiving office, or passed on by another centre. */
  async received(
    em: EntityManager,
    type: DeadlineMessageType,
    payload: DeadlineWarning | DeadlineBreached,
    source: { province: string; service: string },
  ): Promise<void> {
    const province = this.identity.province;
    const fromOurOffice = source.service === 'receiving-office' && source.province === province;
    if (!fromOurOffice && source.service !== 'production-center') {
      const from = `${type} for ${payload.receiptNumber} came from the ${source.service} of province ${source.province}`;
      throw new RejectMessage(`${from}; only the receiving office of province ${province} or a production centre reports deadlines here`);
    }
    const incoming = deadlineReport(type, payload);
    const kept = await this.orders.lockReport(em, payload.receiptNumber);
    if (!replacesKept(incoming.escalation, kept?.escalation ?? null)) {
      this.logger.log({ event: 'escalation.milder-than-kept', receipt: payload.receiptNumber, type });
      return;
    }
    await this.orders.keepReport(em, incoming, this.clock.now());
    const order = await this.orders.lock(em, payload.receiptNumber);
    if (!order) {
      this.logger.log({ event: 'escalation.kept', receipt: payload.receiptNumber, type, daysLeft: payload.daysLeft });
      return;
    }
    await this.apply(em, order, incoming);
  }

  /** Applies a report kept for this order; called when the order arrives, in its transaction. */
  async applyKept(em: EntityManager, order: EscalatedOrder): Promise<void> {
    const kept = await this.orders.lockReport(em, order.receiptNumber);
    if (kept) await this.apply(em, order, kept);
  }

  /** The latest reports received and what was done with each. */
  reports(limit: number): Promise<{ total: number; kept: number; reports: EscalationRecord[] }> {
    return this.orders.reports(limit);
  }

  private async apply(em: EntityManager, order: EscalatedOrder, report: DeadlineReport): Promise<void> {
    const now = this.clock.now();
    const openShipment = order.state === 'produced' && order.shipmentId ? await this.shipments.lockIfOpen(em, order.shipmentId) : null;
    const action = escalationAction(order.state, openShipment !== null);
    if (action === 'keep') return;
    if (action === 'expedite') {
      await this.orders.expedite(em, order.receiptNumber, report.escalation);
    } else if (action === 'pass-on') {
      await this.outbox.add(em, {
        topic: topics.productionOrders(order.forwardedTo!),
        key: order.idNumber,
        type: report.type,
        payload: report.payload,
        correlationId: order.receiptNumber,
      });
    } else if (action === 'ship-at-once') {
      await this.dispatcher.close(em, openShipment!, 'escalated', now);
    }
    await this.orders.reportApplied(em, order.receiptNumber, now, APPLIED_AS[action]);
    this.logger.log({
      event: 'order.escalated',
      receipt: order.receiptNumber,
      type: report.type,
      daysLeft: report.payload.daysLeft,
      action,
      ...(action === 'pass-on' ? { to: order.forwardedTo } : {}),
    });
  }
}
