import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { maskCitizenId, MessageType, photoProblem, ProductionOrdered, topics } from '@idcard/contracts';
import { OutboxWriter, RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { PRODUCTION_SETTINGS, ProductionSettings } from '../config';
import { routeOrder } from '../domain/script-routing';
import { EscalateOrderService } from '../escalate-orders/escalate-order.service';

export type TakenAs = 'queued' | 'forwarded' | 'duplicate';

/** Takes a production order in: queues it for the line, or passes it to the centre that prints its script. */
@Injectable()
export class TakeOrderService {
  private readonly logger = new Logger(TakeOrderService.name);

  constructor(
    @Inject(PRODUCTION_SETTINGS) private readonly settings: ProductionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly escalations: EscalateOrderService,
  ) {}

  /** Throws RejectMessage for an order that can never be made or passed on here; a receipt seen before changes nothing. */
  async take(em: EntityManager, order: ProductionOrdered): Promise<TakenAs> {
    const routing = routeOrder(order, this.settings);
    if (routing.action === 'refuse') throw new RejectMessage(routing.reason);
    const forwardTo = routing.action === 'forward' ? routing.to : null;
    const photo = forwardTo ? null : this.printablePhoto(order);

    const inserted: unknown[] = await em.query(
      `INSERT INTO production_order (
         receipt_number, state, kind, id_number, name, sex, birth_date, ethnic_group, photo_jpeg, photo_sha256, card_script,
         expedited, due_at, ordered_at, received_at, home_province, receiving_province, receiving_office_code, forwarded_from, forwarded_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (receipt_number) DO NOTHING RETURNING receipt_number`,
      [
        order.receiptNumber,
        forwardTo ? 'forwarded' : 'queued',
        order.kind,
        order.citizen.idNumber.toUpperCase(),
        order.citizen.name,
        order.citizen.sex,
        order.citizen.birthDate,
        order.citizen.ethnicGroup,
        photo,
        order.photo.sha256,
        order.cardScript ?? null,
        order.expedited,
        new Date(order.dueAt),
        new Date(order.orderedAt),
        this.clock.now(),
        order.homeProvince,
        order.receivingProvince,
        order.receivingOfficeCode,
        order.forwardedFrom ?? null,
        forwardTo,
      ],
    );
    const context = { receipt: order.receiptNumber, idNumber: maskCitizenId(order.citizen.idNumber) };
    if (inserted.length === 0) {
      this.logger.log({ event: 'order.duplicate', ...context });
      return 'duplicate';
    }
    if (forwardTo) {
      // Unchanged but for forwardedFrom: the card still goes to the original receiving office.
      await this.outbox.add(em, {
        topic: topics.productionOrders(forwardTo),
        key: order.citizen.idNumber,
        type: MessageType.ProductionOrdered,
        payload: { ...order, forwardedFrom: this.settings.province },
        correlationId: order.receiptNumber,
      });
      this.logger.log({ event: 'order.forwarded', ...context, cardScript: order.cardScript, to: forwardTo });
    } else {
      this.logger.log({ event: 'order.queued', ...context, expedited: order.expedited, dueAt: order.dueAt });
    }
    // A deadline report that arrived before the order applies now (after the forwarded order, so it follows it).
    await this.escalations.applyKept(em, {
      receiptNumber: order.receiptNumber,
      state: forwardTo ? 'forwarded' : 'queued',
      idNumber: order.citizen.idNumber.toUpperCase(),
      forwardedTo: forwardTo,
      shipmentId: null,
    });
    return forwardTo ? 'forwarded' : 'queued';
  }

  /** The photo the card is printed with (its sha256 was checked with the message); one that cannot be printed is refused. */
  private printablePhoto(order: ProductionOrdered): Buffer {
    const jpeg = Buffer.from(order.photo.jpegBase64, 'base64');
    const problem = photoProblem(jpeg);
    if (problem) throw new RejectMessage(`photo of ${order.receiptNumber} cannot be printed: ${problem}`);
    return jpeg;
  }
}
