import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DeadlineBreached, DeadlineWarning } from '@idcard/contracts';
import { RejectMessage, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { EntityManager } from 'typeorm';
import { ApplicationLedger } from '../applications/application-ledger';
import { RegistryApplication } from '../applications/entities/registry-application.entity';

/**
 * The receiving office watches the 60-day limit and tells the registry when it runs short and when it is over.
 * The registry records it on the application (operators see it, reviewers see it in the queue) and escalates
 * in its logs, naming whether the registry itself is holding the application (awaiting an officer).
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    private readonly ledger: ApplicationLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async warned(em: EntityManager, warning: DeadlineWarning): Promise<void> {
    const application = await this.find(em, warning.receiptNumber);
    await this.ledger.noteDeadline(em, application, { deadlineWarnedAt: this.clock.now(), receivingStatus: warning.status });
    this.logger.warn({ event: 'deadline.warning', receipt: warning.receiptNumber, daysLeft: warning.daysLeft, ...this.standing(application) });
  }

  async breached(em: EntityManager, breach: DeadlineBreached): Promise<void> {
    const application = await this.find(em, breach.receiptNumber);
    await this.ledger.noteDeadline(em, application, { deadlineBreachedAt: this.clock.now(), receivingStatus: breach.status });
    this.logger.error({ event: 'deadline.breached', receipt: breach.receiptNumber, daysLeft: breach.daysLeft, ...this.standing(application) });
  }

  private standing(application: RegistryApplication) {
    return { state: application.state, receivingStatus: application.receivingStatus, heldByRegistry: application.state === 'manual_review' };
  }

  private async find(em: EntityManager, receiptNumber: string): Promise<RegistryApplication> {
    const application = await this.ledger.lock(em, receiptNumber);
    if (!application) {
      throw new RejectMessage(`deadline report for ${receiptNumber}, an application that never reached the registry of province ${this.identity.province}`);
    }
    return application;
  }
}
