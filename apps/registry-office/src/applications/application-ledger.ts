import { Injectable } from '@nestjs/common';
import { ApplicationStatus, ApplicationSubmitted, RejectionReason } from '@idcard/contracts';
import { activeTraceContext } from '@idcard/tracing';
import { EntityManager } from 'typeorm';
import { IN_FLIGHT_STATES, RegistryApplicationState, transition } from '../domain/registry-application';
import { RegistryApplication, sealedApplication } from './entities/registry-application.entity';

/** Columns that change with a state (the decision with signed_off or rejected, the card with issued …). */
type StateFacts = Partial<Omit<RegistryApplication, 'receiptNumber' | 'state'>>;

/** How an application is first recorded: under review, or (a duplicate in flight) rejected at once. */
export type FirstRecord =
  { state: 'under_review' } | { state: 'rejected'; reviewedBy: string; reasonCode: RejectionReason; detail: string; inFlightReceiptNumber: string | null };

/** What a receiving office reported about the 60-day limit: its warning or the breach, and where the application stood. */
export type DeadlineFacts = Pick<StateFacts, 'deadlineWarnedAt' | 'deadlineBreachedAt'> & { receivingStatus: ApplicationStatus };

const RECORD_APPLICATION = `
  INSERT INTO registry_application
    (receipt_number, id_number, state, kind, receiving_province, receiving_office_code, expedited, accepted_at, due_at, received_at,
     decided_at, reviewed_by, rejection_reason, rejection_detail, in_flight_receipt_number, application, trace_parent, trace_state)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
  ON CONFLICT DO NOTHING
  RETURNING receipt_number`;

/**
 * The registry's applications: the only code that writes the registry_application table, inside the caller's
 * transaction. Every change of state goes through `transition` (registry-application.ts).
 */
@Injectable()
export class ApplicationLedger {
  find(em: EntityManager, receiptNumber: string): Promise<RegistryApplication | null> {
    return em.findOne(RegistryApplication, { where: { receiptNumber } });
  }

  /** The application, locked until the transaction ends, or null when the registry has none by that number. */
  lock(em: EntityManager, receiptNumber: string): Promise<RegistryApplication | null> {
    return em.findOne(RegistryApplication, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Records an application as it arrives; false when a unique rule refused it (the receipt is known, or the
   * citizen has another application in flight). ON CONFLICT DO NOTHING rather than catching a unique violation,
   * which would abort the whole transaction.
   */
  async record(em: EntityManager, s: ApplicationSubmitted, receivedAt: Date, first: FirstRecord): Promise<boolean> {
    const rejected = first.state === 'rejected' ? first : null;
    // The trace it arrived in (the inbox's consumer span), for an officer's decision later (null with tracing off).
    const trace = activeTraceContext();
    const rows: unknown[] = await em.query(RECORD_APPLICATION, [
      s.receiptNumber,
      s.citizen.idNumber,
      first.state,
      s.kind,
      s.receivingProvince,
      s.receivingOfficeCode,
      s.expedited,
      new Date(s.acceptedAt),
      new Date(s.dueAt),
      receivedAt,
      rejected ? receivedAt : null,
      rejected?.reviewedBy ?? null,
      rejected?.reasonCode ?? null,
      rejected?.detail ?? null,
      rejected?.inFlightReceiptNumber ?? null,
      // A raw query applies no column transformer: seal it here as the entity would.
      sealedApplication.to(s),
      trace?.traceparent ?? null,
      trace?.tracestate ?? null,
    ]);
    return rows.length === 1;
  }

  /** The receipt of the application that holds the citizen's slot, if one does. */
  async inFlightFor(em: EntityManager, idNumber: string): Promise<string | null> {
    const sql = `SELECT receipt_number FROM registry_application WHERE id_number = $1 AND state = ANY($2)`;
    const rows: { receipt_number: string }[] = await em.query(sql, [idNumber, IN_FLIGHT_STATES]);
    return rows[0]?.receipt_number ?? null;
  }

  /** Moves the application to `to` (IllegalTransition otherwise) with the facts that come with it. */
  async transition(em: EntityManager, application: RegistryApplication, to: RegistryApplicationState, facts: StateFacts = {}): Promise<void> {
    const state = transition(application.receiptNumber, application.state, to);
    await em.update(RegistryApplication, { receiptNumber: application.receiptNumber }, { ...facts, state });
    Object.assign(application, facts, { state });
  }

  /** A receiving office's report on the 60-day limit: it changes no state. */
  async noteDeadline(em: EntityManager, application: RegistryApplication, facts: DeadlineFacts): Promise<void> {
    await em.update(RegistryApplication, { receiptNumber: application.receiptNumber }, facts);
    Object.assign(application, facts);
  }

  /** Applications waiting for an officer: breached first, then warned (the receiving office's reports), then oldest first. */
  reviewQueue(em: EntityManager, limit: number): Promise<RegistryApplication[]> {
    return em
      .getRepository(RegistryApplication)
      .createQueryBuilder('a')
      .addSelect(`CASE WHEN a.deadline_breached_at IS NOT NULL THEN 0 WHEN a.deadline_warned_at IS NOT NULL THEN 1 ELSE 2 END`, 'urgency')
      .where(`a.state = :state`, { state: 'manual_review' satisfies RegistryApplicationState })
      .orderBy('urgency', 'ASC')
      .addOrderBy('a.receivedAt', 'ASC')
      .addOrderBy('a.receiptNumber', 'ASC')
      .limit(limit)
      .getMany();
  }
}
