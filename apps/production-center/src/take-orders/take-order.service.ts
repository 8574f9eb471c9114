import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { maskCitizenId, MessageType, photoProblem, ProductionOrdered, topics } from '@idcard/contracts';
import { AfterCommit, OutboxWriter, RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from '../config';
import { UnknownOrder } from '../domain/errors';
import { LineWork } from '../domain/line-work';
import { routeOrder, ScriptCapability } from '../domain/script-routing';
import { EscalateOrderService } from '../escalate-orders/escalate-order.service';
import { ProductionOrder } from '../orders/entities/production-order.entity';
import { Arrival, OrderLedger } from '../orders/order-ledger';

/** Takes a production order in: queues it for the line, or passes it to the centre that prints its script. */
@Injectable()
export class TakeOrderService {
  private readonly logger = new Logger(TakeOrderService.name);
  private readonly capability: ScriptCapability;

  constructor(
    @Inject(PRODUCTION_CENTER_SETTINGS) settings: ProductionCenterSettings,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly orders: OrderLedger,
    private readonly escalations: EscalateOrderService,
    private readonly work: LineWork,
    private readonly afterCommit: AfterCommit,
  ) {
    this.capability = { province: identity.province, printableScripts: settings.printableScripts, scriptCentres: settings.scriptCentres };
  }

  private readonly orderQueued = () => this.work.orderQueued();

  /** Throws RejectMessage for an order that can never be made or passed on here; a receipt seen before changes nothing. */
  async take(em: EntityManager, order: ProductionOrdered): Promise<void> {
    const routing = routeOrder(order, this.capability);
    if (routing.action === 'refuse') throw new RejectMessage(routing.reason);
    const arrival: Arrival =
      routing.action === 'forward' ? { state: 'forwarded', forwardedTo: routing.to } : { state: 'queued', photoJpeg: this.printablePhoto(order) };
    const context = { receipt: order.receiptNumber, idNumber: maskCitizenId(order.citizen.idNumber) };
    if (!(await this.orders.receive(em, order, arrival, this.clock.now()))) {
      this.logger.log({ event: 'order.duplicate', ...context });
      return;
    }
    const forwardedTo = arrival.state === 'forwarded' ? arrival.forwardedTo : null;
    if (forwardedTo) {
      // Unchanged but for forwardedFrom: the card still goes to the original receiving office.
      await this.outbox.add(em, {
        topic: topics.productionOrders(forwardedTo),
        key: order.citizen.idNumber,
        type: MessageType.ProductionOrdered,
        payload: { ...order, forwardedFrom: this.capability.province },
        correlationId: order.receiptNumber,
      });
      this.logger.log({ event: 'order.forwarded', ...context, cardScript: order.cardScript, to: forwardedTo });
    } else {
      this.afterCommit.run(em, this.orderQueued);
      this.logger.log({ event: 'order.queued', ...context, expedited: order.expedited, dueAt: order.dueAt });
    }
    // A deadline report that arrived before the order applies now (after the forwarded order, so it follows it).
    await this.escalations.applyKept(em, {
      receiptNumber: order.receiptNumber,
      state: arrival.state,
      idNumber: order.citizen.idNumber.toUpperCase(),
      forwardedTo,
      shipmentId: null,
    });
  }

  /** Where one order is; UnknownOrder when it never reached this centre. */
  async find(receiptNumber: string): Promise<ProductionOrder> {
    const order = await this.orders.find(receiptNumber);
    if (!order) throw new UnknownOrder(receiptNumber);
    return order;
  }

  /** The photo the card is printed with (its sha256 was checked with the message); one that cannot be printed is refused. */
  private printablePhoto(order: ProductionOrdered): Buffer {
    const jpeg = Buffer.from(order.photo.jpegBase64, 'base64');
    const problem = photoProblem(jpeg);
    if (problem) throw new RejectMessage(`photo of ${order.receiptNumber} cannot be printed: ${problem}`);
    return jpeg;
  }
}
