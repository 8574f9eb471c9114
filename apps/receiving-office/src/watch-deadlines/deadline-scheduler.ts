import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, Clock } from '@idcard/clock';
import { ApplicationStatus, cstDate, daysLeft, DeadlineBreached, DeadlineWarning, maskCitizenId, MessageType, ProvinceCode, topics } from '@idcard/contracts';
import { OutboxWriter } from '@idcard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { alertOutcome, DeadlineAlertKind, deadlineStepOf, warningDaysLeftOf } from '../domain/deadline-alerts';
import { RECEIVING_PROVINCE } from '../receiving-province';
import { DEADLINE_SETTINGS, DeadlineSettings } from './deadline-settings';

export interface TickResult {
  warnings: number;
  breaches: number;
}

/** A pending alert that fell due, with what the scheduler needs of its application (both rows locked). */
interface ClaimedAlert {
  receipt_number: string;
  kind: DeadlineAlertKind;
  fire_at: Date;
  later_alert_due: boolean;
  status: ApplicationStatus;
  home_province: string;
  id_number: string;
  due_at: Date;
}

/**
 * The claim of one batch: pending alerts with fire_at <= now, oldest first, through the partial index on fire_at,
 * so its cost follows what falls due, not how many applications are open. SKIP LOCKED on the alert and its
 * application: replicas never take the same alert, and an application a message is moving right now waits for
 * the next batch or tick. `later_alert_due`: a more urgent alert of the same application fell due too.
 */
export const CLAIM_DUE_ALERTS = `
  SELECT d.receipt_number, d.kind, d.fire_at,
         EXISTS (SELECT 1 FROM deadline_alert later
                  WHERE later.receipt_number = d.receipt_number AND later.fire_at > d.fire_at AND later.fire_at <= $1) AS later_alert_due,
         a.status, a.home_province, a.id_number, a.due_at
    FROM deadline_alert d JOIN application a ON a.receipt_number = d.receipt_number
   WHERE d.fire_at <= $1 AND d.fired_at IS NULL AND d.cancelled_at IS NULL
   ORDER BY d.fire_at
   LIMIT $2
     FOR UPDATE OF d, a SKIP LOCKED`;

/**
 * The 60-day watch (时限预警): each tick fires every warning and breach that fell due, each exactly once, through
 * the outbox, to the home registry and to the production centre of this province. A tick is batches of one
 * transaction each (claim, mark fired, timeline step, messages): a process killed mid-batch loses nothing, and a
 * restart after downtime catches up on everything with fire_at <= now.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private running: Promise<TickResult> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECEIVING_PROVINCE) private readonly province: ProvinceCode,
    @Inject(DEADLINE_SETTINGS) private readonly settings: DeadlineSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.tickMs === 0) return;
    const timer = setInterval(() => {
      this.tick().catch((err) => this.logger.error({ event: 'deadline.tick-failed', error: (err as Error).message }));
    }, this.settings.tickMs);
    this.schedulerRegistry.addInterval('deadline-tick', timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.schedulerRegistry.doesExist('interval', 'deadline-tick')) this.schedulerRegistry.deleteInterval('deadline-tick');
    await this.running?.catch(() => undefined);
  }

  /** Fires everything due now; it waits for a tick already running in this process rather than overlap it. */
  async tick(): Promise<TickResult> {
    while (this.running) await this.running.catch(() => undefined);
    const running = this.fireDue().finally(() => (this.running = null));
    this.running = running;
    return running;
  }

  private async fireDue(): Promise<TickResult> {
    const total: TickResult = { warnings: 0, breaches: 0 };
    const now = this.clock.now();
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const claimed: ClaimedAlert[] = await em.query(CLAIM_DUE_ALERTS, [now, this.settings.batchSize]);
        const fired: TickResult = { warnings: 0, breaches: 0 };
        for (const alert of claimed) {
          const emitted = await this.fire(em, alert, now);
          if (emitted === 'warning') fired.warnings++;
          if (emitted === 'breach') fired.breaches++;
        }
        return { claimed: claimed.length, ...fired };
      });
      total.warnings += batch.warnings;
      total.breaches += batch.breaches;
      if (batch.claimed < this.settings.batchSize || this.stopped) break;
    }
    if (total.warnings || total.breaches) this.logger.log({ event: 'deadline.tick', ...total, at: now.toISOString() });
    return total;
  }

  private async fire(em: EntityManager, alert: ClaimedAlert, now: Date): Promise<'warning' | 'breach' | null> {
    const receipt = alert.receipt_number;
    const outcome = alertOutcome(alert.kind, alert.status, alert.later_alert_due);
    if (outcome.action === 'cancel') {
      await em.query(`UPDATE deadline_alert SET cancelled_at = $3, cancelled_because = $4 WHERE receipt_number = $1 AND kind = $2`, [receipt, alert.kind, now, outcome.because]);
      return null;
    }
    const left = daysLeft(alert.due_at, now);
    const breach = alert.kind === 'breach';
    await em.query(`UPDATE deadline_alert SET fired_at = $3 WHERE receipt_number = $1 AND kind = $2`, [receipt, alert.kind, now]);
    // Never back from breached to warned, whatever order alerts are fired in.
    await em.query(`UPDATE application SET deadline_state = CASE WHEN deadline_state = 'breached' THEN 'breached' ELSE $2 END WHERE receipt_number = $1`, [
      receipt,
      breach ? 'breached' : 'warned',
    ]);
    const dueDate = cstDate(new Date(alert.due_at.getTime() - 1));
    const detail = breach
      ? `60-day limit breached (last day ${dueDate}) while ${alert.status}; escalated to the registry of province ${alert.home_province} and the production centre of province ${this.province}`
      : `${left} days left of the 60-day limit (warning at ${warningDaysLeftOf(alert.kind)}, last day ${dueDate}) while ${alert.status}; the registry of province ${alert.home_province} and the production centre of province ${this.province} are told`;
    await em.query(`INSERT INTO application_step (receipt_number, step, at, detail) VALUES ($1, $2, $3, $4)`, [receipt, deadlineStepOf(alert.kind), now, detail]);
    const payload: DeadlineWarning | DeadlineBreached = { receiptNumber: receipt, dueAt: alert.due_at.toISOString(), daysLeft: left, status: alert.status };
    const type = breach ? MessageType.DeadlineBreached : MessageType.DeadlineWarning;
    for (const topic of [topics.registryApplications(alert.home_province), topics.productionOrders(this.province)]) {
      await this.outbox.add(em, { topic, key: alert.id_number, type, payload, correlationId: receipt });
    }
    const event = breach ? 'deadline.breached' : 'deadline.warning';
    const fields = { event, receipt, idNumber: maskCitizenId(alert.id_number), daysLeft: left, status: alert.status, homeProvince: alert.home_province };
    if (breach) this.logger.warn(fields);
    else this.logger.log(fields);
    return breach ? 'breach' : 'warning';
  }
}
