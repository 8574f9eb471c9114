import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { UnknownReceipt } from '../domain/errors';
import { ApplicationLedger } from './application-ledger';
import { applicationView } from './application-view';
import { ApplicationView } from './dto/application-view.dto';

/** Operators looking up an application. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async view(receiptNumber: string): Promise<ApplicationView> {
    const application = await this.ledger.find(this.dataSource.manager, receiptNumber);
    if (!application) throw new UnknownReceipt(receiptNumber, this.identity.province);
    return applicationView(application, this.clock.now());
  }
}
