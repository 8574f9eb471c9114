import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DeadlineBreached, DeadlineWarning } from '@idcard/contracts';
import { RejectMessage } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { RegistryApplication } from '../applications/entities/registry-application.entity';
import { HOME_PROVINCE } from '../home-province';

/**
 * The receiving office watches the 60-day limit and tells the registry when it runs short and when it is over.
 * The registry records it on the application (operators see it, reviewers see it in the queue) and escalates
 * in its logs, naming whether the registry itself is holding the application (awaiting an officer).
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HOME_PROVINCE) private readonly province: string,
  ) {}

  async warned(em: EntityManager, warning: DeadlineWarning): Promise<void> {
    const application = await this.find(em, warning.receiptNumber);
    await em.update(RegistryApplication, { receiptNumber: application.receiptNumber }, { deadlineWarnedAt: this.clock.now(), receivingStatus: warning.status });
    this.logger.warn({ event: 'deadline.warning', receipt: warning.receiptNumber, daysLeft: warning.daysLeft, state: application.state, receivingStatus: warning.status, heldByRegistry: application.state === 'manual_review' });
  }

  async breached(em: EntityManager, breach: DeadlineBreached): Promise<void> {
    const application = await this.find(em, breach.receiptNumber);
    await em.update(RegistryApplication, { receiptNumber: application.receiptNumber }, { deadlineBreachedAt: this.clock.now(), receivingStatus: breach.status });
    this.logger.error({ event: 'deadline.breached', receipt: breach.receiptNumber, daysLeft: breach.daysLeft, state: application.state, receivingStatus: breach.status, heldByRegistry: application.state === 'manual_review' });
  }

  private async find(em: EntityManager, receiptNumber: string): Promise<RegistryApplication> {
    const application = await em.findOne(RegistryApplication, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new RejectMessage(`deadline report for ${receiptNumber}, an application that never reached the registry of province ${this.province}`);
    return application;
  }
}
