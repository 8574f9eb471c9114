import { Injectable } from '@nestjs/common';
import { ApplicationStatus, isFinalStatus } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { ScheduledAlert } from '../domain/deadline-alerts';
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

  /**
   * Moves the application on by the status machine (IllegalTransition otherwise) and records the step. Completing
   * it (handed over, rejected) cancels its pending deadline alerts in the same transaction: it is never warned again.
   */
  async moveOn(em: EntityManager, application: Application, to: ApplicationStatus, at: Date, detail: string, facts: StatusFacts = {}): Promise<void> {
    const status = moveOn(application.status, to);
    await em.update(Application, { receiptNumber: application.receiptNumber }, { ...facts, status });
    await em.insert(ApplicationStep, { receiptNumber: application.receiptNumber, step: status, at, detail });
    if (isFinalStatus(status)) {
      await em.query(
        `UPDATE deadline_alert SET cancelled_at = $2, cancelled_because = 'completed'
          WHERE receipt_number = $1 AND fired_at IS NULL AND cancelled_at IS NULL`,
        [application.receiptNumber, at],
      );
    }
    Object.assign(application, facts, { status });
  }

  /** Writes the application's deadline alerts; called in the transaction that creates it. */
  async watchDeadline(em: EntityManager, receiptNumber: string, alerts: readonly ScheduledAlert[]): Promise<void> {
    await em.query(
      `INSERT INTO deadline_alert (receipt_number, kind, fire_at) SELECT $1, kind, fire_at FROM unnest($2::text[], $3::timestamptz[]) AS t (kind, fire_at)`,
      [receiptNumber, alerts.map((a) => a.kind), alerts.map((a) => a.fireAt.toISOString())],
    );
  }

  timeline(em: EntityManager, receiptNumber: string): Promise<ApplicationStep[]> {
    return em.find(ApplicationStep, { where: { receiptNumber }, order: { id: 'ASC' } });
  }
}
