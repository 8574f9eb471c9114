import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnOffice, Principal } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource } from 'typeorm';
import { ApplicationLedger, stepActorOf } from '../applications/application-ledger';
import { UnknownApplication } from '../domain/errors';
import { checkHandover } from '../domain/handover';
import { HandoverDto } from './hand-over-card.dto';

/** 发放: the card goes to the applicant, in person at the counter or kiosk, or into the post. */
@Injectable()
export class HandOverCardService {
  private readonly logger = new Logger(HandOverCardService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Only a clerk of the application's office hands its card over, checked before the ID number is (a clerk
   * elsewhere learns nothing of whose card it is); the step names the clerk and the office.
   */
  async handOver(receiptNumber: string, presentedIdNumber: string, clerk: Principal): Promise<HandoverDto> {
    const handedOverAt = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const application = await this.ledger.lock(em, receiptNumber);
      if (!application) throw new UnknownApplication(receiptNumber);
      assertOwnOffice(clerk, application.receivingOfficeCode);
      checkHandover(application, presentedIdNumber);
      const detail = `card ${application.cardSerial} handed over (${application.deliveryMethod}) at office ${application.receivingOfficeCode}`;
      await this.ledger.transition(em, application, 'handed_over', handedOverAt, detail, { handedOverAt }, stepActorOf(clerk));
    });
    this.logger.log({ event: 'card.handed-over', receipt: receiptNumber });
    return { receiptNumber, status: 'handed_over', handedOverAt: handedOverAt.toISOString() };
  }
}
