import { Inject, Injectable } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import type { Application } from '../applications/entities/application.entity';
import { arrivalNoticeText } from '../domain/arrival-notice';
import { UnknownApplication } from '../domain/errors';
import { SmsNotification } from './entities/sms-notification.entity';
import { SmsRelay } from './sms-relay';

export interface NotificationView {
  id: string;
  purpose: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  sentVia: string | null;
}

/** Tells citizens their card is here: queued with the change, delivered by the SmsRelay. */
@Injectable()
export class NotifyCitizenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    private readonly relay: SmsRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Queues the arrival SMS in the caller's transaction; call `deliverSoon` after it commits. */
  async queueArrivalNotice(em: EntityManager, application: Application): Promise<void> {
    await em.insert(SmsNotification, {
      receiptNumber: application.receiptNumber,
      purpose: 'card_arrived',
      text: arrivalNoticeText({
        receiptNumber: application.receiptNumber,
        receivingOfficeCode: application.receivingOfficeCode,
        deliveryMethod: application.deliveryMethod,
      }),
      createdAt: this.clock.now(),
      sentAt: null,
      sentVia: null,
    });
  }

  deliverSoon(): void {
    this.relay.wake();
  }

  /** The SMS about an application, for a clerk of its office (or ops). */
  async list(receiptNumber: string, reader: Principal): Promise<NotificationView[]> {
    const em = this.dataSource.manager;
    const application = await this.ledger.find(em, receiptNumber);
    if (!application) throw new UnknownApplication(receiptNumber);
    assertOwnOffice(reader, application.receivingOfficeCode);
    const rows = await em.find(SmsNotification, { where: { receiptNumber }, order: { id: 'ASC' } });
    return rows.map((n) => ({
      id: n.id,
      purpose: n.purpose,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
      sentAt: n.sentAt?.toISOString() ?? null,
      sentVia: n.sentVia,
    }));
  }
}
