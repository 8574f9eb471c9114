import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@idcard/clock';
import { CardProduced, cardExpiryFor, cstDate, MessageType, parseCitizenId, topics } from '@idcard/contracts';
import { OutboxWriter } from '@idcard/messaging';
import { DataSource } from 'typeorm';
import { PRODUCTION_SETTINGS, ProductionSettings } from '../config';
import { cardSerialFor } from '../domain/card-serial';
import { inQueueOrder } from '../domain/production-queue';
import { ShipmentPacker } from '../ship-cards/shipment-packer';
import { queuedOrders } from './queue';

export interface RunResult {
  produced: number;
  /** Shipments that left during the run: expedited cards and shipments that became full. */
  dispatched: number;
}

/** 省厅制证: makes the cards of queued orders, in queue order, and packs them for their receiving offices. */
@Injectable()
export class ProductionLine {
  private readonly logger = new Logger(ProductionLine.name);

  constructor(
    @Inject(PRODUCTION_SETTINGS) private readonly settings: ProductionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly packer: ShipmentPacker,
  ) {}

  /** One run of the line; resolves how many cards it made. */
  async runOnce(): Promise<number> {
    return (await this.run()).produced;
  }

  /**
   * Claims up to cardsPerRun queued orders (SKIP LOCKED, so replicas share the queue) and, in one transaction with
   * them, gives each a card serial, announces the card to its home registry and packs it into a shipment.
   */
  async run(): Promise<RunResult> {
    return this.dataSource.transaction(async (em) => {
      const claimed = await queuedOrders(em).limit(this.settings.cardsPerRun).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
      if (claimed.length === 0) return { produced: 0, dispatched: 0 };
      const now = this.clock.now();
      const issueDate = cstDate(now);
      const packing = await this.packer.begin(em, claimed, now);
      for (const order of inQueueOrder(claimed)) {
        const [{ sequence }]: { sequence: string }[] = await em.query(`SELECT nextval('card_serial_seq') AS sequence`);
        const cardSerial = cardSerialFor(this.settings.province, issueDate, Number(sequence));
        const expiresOn = cardExpiryFor(holderBirthDate(order.idNumber, order.birthDate), issueDate);
        const shipment = await packing.shipmentFor(order);
        await em.query(
          `UPDATE production_order SET state = 'produced', card_serial = $2, issue_date = $3, expires_on = $4, produced_at = $5,
                  shipment_id = $6, photo_jpeg = NULL
            WHERE receipt_number = $1 AND state = 'queued'`,
          [order.receiptNumber, cardSerial, issueDate, expiresOn, now, shipment.shipmentId],
        );
        const card: CardProduced = {
          receiptNumber: order.receiptNumber,
          cardSerial,
          idNumber: order.idNumber,
          issueDate,
          expiresOn,
          producedBy: this.settings.province as CardProduced['producedBy'],
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
        this.logger.log({ event: 'card.produced', receipt: order.receiptNumber, cardSerial, shipmentId: shipment.shipmentId, expedited: order.expedited });
      }
      return { produced: claimed.length, dispatched: packing.dispatched };
    });
  }
}

/** The term of a card follows the birth date in the ID number (as CardProduced is checked), not the declared one. */
function holderBirthDate(idNumber: string, declared: string): string {
  const id = parseCitizenId(idNumber);
  return id.ok ? id.value.birthDate : declared;
}
