import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
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

  async handOver(receiptNumber: string, presentedIdNumber: string): Promise<HandoverDto> {
    const handedOverAt = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const application = await this.ledger.lock(em, receiptNumber);
      if (!application) throw new UnknownApplication(receiptNumber);
      checkHandover(application, presentedIdNumber);
      const detail = `card ${application.cardSerial} handed over (${application.deliveryMethod})`;
      await this.ledger.transition(em, application, 'handed_over', handedOverAt, detail, { handedOverAt });
    });
    this.logger.log({ event: 'card.handed-over', receipt: receiptNumber });
    return { receiptNumber, status: 'handed_over', handedOverAt: handedOverAt.toISOString() };
  }
}
