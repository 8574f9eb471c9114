import { Injectable } from '@nestjs/common';
import type { Principal } from '@idcard/access';
import type { ApplicationStatus } from '@idcard/contracts';
import { activeTraceContext, continueStoredTrace, storedTraceOf } from '@idcard/tracing';
import { EntityManager, In, IsNull } from 'typeorm';
import { FINAL_STATUSES, transition } from '../domain/application';
import { DeadlineAlertKind, deadlineStateAfter, deadlineStepOf, ScheduledAlert } from '../domain/deadline-alerts';
import type { DeadlineState, EscalatedCount } from '../domain/deadline-report';
import { ApplicationStep } from './entities/application-step.entity';
import { Application } from './entities/application.entity';
import { DeadlineAlert } from './entities/deadline-alert.entity';

/** Columns that change with a status (card serial with shipped, arrival time with arrived …). */
export type StatusFacts = Partial<Omit<Application, 'receiptNumber' | 'status'>>;

/** What the counter knows of an application when it accepts it. */
export type NewApplication = Omit<
  Application,
  | 'status'
  | 'deadlineState'
  | 'cardSerial'
  | 'shipmentId'
  | 'arrivedAt'
  | 'handedOverAt'
  | 'rejectionReason'
  | 'rejectionDetail'
  | 'rejectionInFlightReceiptNumber'
  | 'traceParent'
  | 'traceState'
>;

/** Who caused a timeline step: the person from the token and the office they acted for. */
export interface StepActor {
  subject: string;
  name: string;
  office: string | null;
}

/** The step's actor for a principal (a clerk acts for the office of their token). */
export function stepActorOf(principal: Principal): StepActor {
  return { subject: principal.subject, name: principal.name, office: principal.office };
}

function actorColumns(actor: StepActor | null): Pick<ApplicationStep, 'actorSubject' | 'actorName' | 'office'> {
  return { actorSubject: actor?.subject ?? null, actorName: actor?.name ?? null, office: actor?.office ?? null };
}

/** `status NOT IN ('rejected', 'handed_over')` from the one list, as literals: the planner then uses the partial indexes on unfinished applications. */
const UNFINISHED = `status NOT IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The claim of one batch of the deadline scheduler: pending alerts with fire_at <= $1, oldest first, through the
 * partial index on fire_at, so its cost follows what falls due, not how many applications are open. SKIP LOCKED
 * on the alert and its application: replicas never take the same alert, and an application a message is changing
 * right now waits for the next batch or tick. `later_alert_due`: a more urgent alert of the same application fell
 * due too. At most $2 alerts.
 */
export const CLAIM_DUE_ALERTS = `
  SELECT d.receipt_number, d.kind, d.fire_at,
         EXISTS (SELECT 1 FROM deadline_alert later
                  WHERE later.receipt_number = d.receipt_number AND later.fire_at > d.fire_at AND later.fire_at <= $1) AS later_alert_due,
         a.status, a.deadline_state, a.home_province, a.id_number, a.due_at
    FROM deadline_alert d JOIN application a ON a.receipt_number = d.receipt_number
   WHERE d.fire_at <= $1 AND d.fired_at IS NULL AND d.cancelled_at IS NULL
   ORDER BY d.fire_at
   LIMIT $2
     FOR UPDATE OF d, a SKIP LOCKED`;

/** A pending alert that fell due, with what the scheduler needs of its application (both rows locked). */
export interface DueAlert {
  receiptNumber: string;
  kind: DeadlineAlertKind;
  laterAlertDue: boolean;
  status: ApplicationStatus;
  deadlineState: DeadlineState | null;
  homeProvince: string;
  idNumber: string;
  dueAt: Date;
}

interface ClaimedRow {
  receipt_number: string;
  kind: DeadlineAlertKind;
  later_alert_due: boolean;
  status: ApplicationStatus;
  deadline_state: DeadlineState | null;
  home_province: string;
  id_number: string;
  due_at: Date;
}

/**
 * The application gateway: the only code that writes applications, their timeline and their deadline alerts,
 * always inside the caller's transaction. Every transition is a timeline step.
 */
@Injectable()
export class ApplicationLedger {
  /** The next number of the province's receipt sequence. */
  async nextSequence(em: EntityManager): Promise<number> {
    const [{ sequence }] = await em.query(`SELECT nextval('application_receipt_seq') AS sequence`);
    return Number(sequence);
  }

  /** Writes an application just accepted (submitted) by `actor`, its first timeline step and the alerts of its 60-day watch. */
  async open(em: EntityManager, application: NewApplication, detail: string, alerts: readonly ScheduledAlert[], actor: StepActor): Promise<void> {
    const { receiptNumber, acceptedAt } = application;
    // The submission's trace, for the steps that come later through other messages and requests (null with tracing off).
    const trace = activeTraceContext();
    await em.insert(Application, { ...application, status: 'submitted', traceParent: trace?.traceparent ?? null, traceState: trace?.tracestate ?? null });
    await em.insert(ApplicationStep, { receiptNumber, step: 'submitted', at: acceptedAt, detail, ...actorColumns(actor) });
    await em.insert(
      DeadlineAlert,
      alerts.map((a) => ({ receiptNumber, kind: a.kind, fireAt: a.fireAt })),
    );
  }

  find(em: EntityManager, receiptNumber: string): Promise<Application | null> {
    return em.findOne(Application, { where: { receiptNumber } });
  }

  /** The application, locked until the transaction ends, or null when this office has none by that number. */
  lock(em: EntityManager, receiptNumber: string): Promise<Application | null> {
    return em.findOne(Application, { where: { receiptNumber }, lock: { mode: 'pessimistic_write' } });
  }

  /** The status of each receipt this office holds an application for. */
  async statuses(em: EntityManager, receiptNumbers: string[]): Promise<Map<string, ApplicationStatus>> {
    const rows = await em.find(Application, { select: { receiptNumber: true, status: true }, where: { receiptNumber: In(receiptNumbers) } });
    return new Map(rows.map((a) => [a.receiptNumber, a.status]));
  }

  /**
   * Takes the application on by the status machine (IllegalTransition otherwise) and records the step. Completing
   * it (handed over, rejected) cancels its pending deadline alerts in the same transaction: it is never warned again.
   * `actor`: the person who caused it (a clerk at the counter); null for a step from a message.
   */
  async transition(
    em: EntityManager,
    application: Application,
    to: ApplicationStatus,
    at: Date,
    detail: string,
    facts: StatusFacts = {},
    actor: StepActor | null = null,
  ): Promise<void> {
    const status = transition(application.status, to);
    const { receiptNumber } = application;
    // A step caused outside the application's trace (a shipment, a clerk's request) is recorded in it as well, linked to its cause.
    await continueStoredTrace(
      storedTraceOf(application),
      { name: `application ${status}`, attributes: { 'idcard.correlation_id': receiptNumber } },
      async () => {
        await em.update(Application, { receiptNumber }, { ...facts, status });
        await em.insert(ApplicationStep, { receiptNumber, step: status, at, detail, ...actorColumns(actor) });
        if (FINAL_STATUSES.includes(status)) {
          await em.update(DeadlineAlert, { receiptNumber, firedAt: IsNull(), cancelledAt: IsNull() }, { cancelledAt: at, cancelledBecause: 'completed' });
        }
      },
    );
    Object.assign(application, facts, { status });
  }

  timeline(em: EntityManager, receiptNumber: string): Promise<ApplicationStep[]> {
    return em.find(ApplicationStep, { where: { receiptNumber }, order: { id: 'ASC' } });
  }

  /** Pending alerts that fell due by `now`, at most `limit`, each with its application, all locked (CLAIM_DUE_ALERTS). */
  async claimDueAlerts(em: EntityManager, now: Date, limit: number): Promise<DueAlert[]> {
    const rows: ClaimedRow[] = await em.query(CLAIM_DUE_ALERTS, [now, limit]);
    return rows.map((r) => ({
      receiptNumber: r.receipt_number,
      kind: r.kind,
      laterAlertDue: r.later_alert_due,
      status: r.status,
      deadlineState: r.deadline_state,
      homeProvince: r.home_province,
      idNumber: r.id_number,
      dueAt: r.due_at,
    }));
  }

  async cancelAlert(em: EntityManager, alert: DueAlert, at: Date, because: 'completed' | 'superseded'): Promise<void> {
    await em.update(DeadlineAlert, { receiptNumber: alert.receiptNumber, kind: alert.kind }, { cancelledAt: at, cancelledBecause: because });
  }

  /** A claimed alert fired: it is marked so, the application is escalated (warned or breached), and the timeline says why. */
  async fireAlert(em: EntityManager, alert: DueAlert, at: Date, detail: string): Promise<void> {
    const { receiptNumber, kind } = alert;
    const deadlineState = deadlineStateAfter(alert.deadlineState, kind);
    await em.update(DeadlineAlert, { receiptNumber, kind }, { firedAt: at });
    await em.update(Application, { receiptNumber }, { deadlineState });
    await em.insert(ApplicationStep, { receiptNumber, step: deadlineStepOf(kind), at, detail });
    alert.deadlineState = deadlineState;
  }

  /** Unfinished escalated applications by escalation, status and home province, through the partial index application_escalated. */
  async escalatedCounts(em: EntityManager): Promise<EscalatedCount[]> {
    const rows: { deadline_state: DeadlineState; status: ApplicationStatus; home_province: string; count: string }[] = await em.query(
      `SELECT deadline_state, status, home_province, count(*) AS count FROM application
        WHERE deadline_state IS NOT NULL AND ${UNFINISHED}
        GROUP BY deadline_state, status, home_province`,
    );
    return rows.map((r) => ({ deadlineState: r.deadline_state, status: r.status, homeProvince: r.home_province, count: Number(r.count) }));
  }
}
