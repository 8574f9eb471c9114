import { Injectable } from '@nestjs/common';
import type { ApplicationStatus } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { moveOn } from '../domain/receiving-status';
import { ApplicationStep } from './entities/application-step.entity';
import { Application } from './entities/application.entity';

/** Columns that change with a status (card serial with shipped, arrival time with arrived …). */
type StatusFacts = Partial<Omit<Application, 'receiptNumber' | 'status'>>;

/** Reads and moves applications inside the caller's transaction; every move is a timeline step. */
@Injectable()
export class ApplicationLedger {
  /** The application, locked until the transaction ends, or null when this office has none by that number. */
  lock(em: EntityManager, receiptNumber: string): Promise<Application | null> {
    return em.findOne(Application, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
  }

  /** Moves the application on by the status machine (IllegalTransition otherwise) and records the step. */
  async moveOn(em: EntityManager, application: Application, to: ApplicationStatus, at: Date, detail: string, facts: StatusFacts = {}): Promise<void> {
    const status = moveOn(application.status, to);
    await em.update(Application, { receiptNumber: application.receiptNumber }, { ...facts, status });
    await em.insert(ApplicationStep, { receiptNumber: application.receiptNumber, step: status, at, detail });
    Object.assign(application, facts, { status });
  }

  timeline(em: EntityManager, receiptNumber: string): Promise<ApplicationStep[]> {
    return em.find(ApplicationStep, { where: { receiptNumber }, order: { id: 'ASC' } });
  }
}
