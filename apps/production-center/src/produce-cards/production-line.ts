import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@idcard/clock';
import { CardProduced, cardExpiryFor, cstDate, MessageType, parseCitizenId, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { continueStoredTrace, serviceSpanAttributes, storedTraceOf } from '@idcard/tracing';
import { DataSource } from 'typeorm';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from '../config';
import { cardSerialFor } from '../domain/card-serial';
import { LineWork } from '../domain/line-work';
import { inQueueOrder } from '../domain/production-queue';
import { leavesBy } from '../domain/shipment';
import { ProductionOrder } from '../orders/entities/production-order.entity';
import { Operator, OrderLedger } from '../orders/order-ledger';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';
import { ShipmentPacker } from '../ship-cards/shipment-packer';

export interface RunResult {
  produced: number;
  /** Shipments that left: expedited cards and shipments that became full (and, after runNow, those past their cut-off). */
  dispatched: number;
}

/** 省厅制证: makes the cards of queued orders, in queue order, and packs them for their receiving offices. */
@Injectable()
export class ProductionLine {
  private readonly logger = new Logger(ProductionLine.name);

  constructor(
    @Inject(PRODUCTION_CENTER_SETTINGS) private readonly settings: ProductionCenterSettings,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly orders: OrderLedger,
    private readonly packer: ShipmentPacker,
    private readonly dispatcher: ShipmentDispatcher,
    private readonly work: LineWork,
  ) {}

  /**
   * Claims up to cardsPerRun queued orders (SKIP LOCKED, so replicas share the queue) and, in one transaction with
   * them, gives each a card serial, announces the card to its home registry and packs it into a shipment.
   * `operator`: who ran the line (POST /production/run), recorded on each card made; null for the timer.
   */
  async run(operator: Operator | null = null): Promise<RunResult> {
    const token = this.work.lineStarting();
    const result = await this.dataSource.transaction(async (em) => {
      const claimed = await this.orders.claimQueued(em, this.settings.cardsPerRun);
      if (claimed.length === 0) return { produced: 0, dispatched: 0 };
      const now = this.clock.now();
      const issueDate = cstDate(now);
      const province = this.identity.province;
      const packing = await this.packer.begin(em, claimed, now);
      for (const order of inQueueOrder(claimed)) {
        // Made in the trace the order arrived in, so the CardProduced it announces carries the application's trace on.
        const span = { name: 'produce card', attributes: { ...serviceSpanAttributes(this.identity), 'idcard.correlation_id': order.receiptNumber } };
        await continueStoredTrace(storedTraceOf(order), span, async () => {
          const cardSerial = cardSerialFor(province, issueDate, await this.orders.nextSerialNumber(em));
          const expiresOn = cardExpiryFor(holderBirthDate(order), issueDate);
          const shipment = await packing.shipmentFor(order);
          await this.orders.produced(em, order, { cardSerial, issueDate, expiresOn, producedAt: now, shipmentId: shipment.shipmentId, producedBy: operator });
          const card: CardProduced = {
            receiptNumber: order.receiptNumber,
            cardSerial,
            idNumber: order.idNumber,
            issueDate,
            expiresOn,
            producedBy: province as CardProduced['producedBy'],
            producedAt: now.toISOString(),
          };
          await this.outbox.add(em, {
            topic: topics.registryCards(order.homeProvince),
            key: order.idNumber,
            type: MessageType.CardProduced,
            payload: card,
            correlationId: order.receiptNumber,
          });
          await packing.put(shipment, { receiptNumber: order.receiptNumber, cardSerial });
          this.logger.log({
            event: 'card.produced',
            receipt: order.receiptNumber,
            cardSerial,
            shipmentId: shipment.shipmentId,
            expedited: order.expedited,
            // The operator's id only: logs never carry names.
            operator: operator?.subject ?? null,
          });
        });
      }
      return { produced: claimed.length, dispatched: packing.dispatched };
    });
    // Read after the commit, so never before the packing's own time: a cut-off noted too early would be cleared by a
    // dispatcher run that finds the shipment not yet due.
    this.work.lineRan(token, result.produced, this.settings.cardsPerRun, leavesBy(this.clock.now(), { maxWaitMs: this.settings.shipmentMaxWaitMs }));
    return result;
  }

  /** One run of the line now by an operator, then the shipments that are due (POST /production/run: operators, the demo). */
  async runNow(operator: Operator): Promise<RunResult> {
    const run = await this.run(operator);
    const due = await this.dispatcher.dispatchDue();
    return { produced: run.produced, dispatched: run.dispatched + due };
  }

  /** The first `limit` orders waiting, in the order the line makes them, and how many wait in all. */
  queue(limit: number): Promise<[ProductionOrder[], number]> {
    return this.orders.queue(limit);
  }
}

/** The term of a card follows the birth date in the ID number (as CardProduced is checked), not the declared one. */
function holderBirthDate(order: ProductionOrder): string {
  const id = parseCitizenId(order.idNumber);
  return id.ok ? id.value.birthDate : order.birthDate;
}
