import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate, daysLeft, DeadlineBreached, DeadlineWarning, maskCitizenId, MessageType, topics } from '@idcard/contracts';
import { OutboxWriter, ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationLedger, DueAlert } from '../applications/application-ledger';
import type { ReceivingOfficeSettings } from '../config';
import { alertOutcome, warningDaysLeftOf } from '../domain/deadline-alerts';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';

export interface TickResult {
  warnings: number;
  breaches: number;
}

/**
 * The 60-day watch (时限预警): each tick fires every warning and breach that fell due, each exactly once, through
 * the outbox, to the home registry and to the production centre of this province. A tick is batches of one
 * transaction each (claim, mark fired, timeline step, messages — the ledger writes the application's part): a
 * process killed mid-batch loses nothing, and a restart after downtime catches up on everything with fire_at <= now.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private running: Promise<TickResult> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ApplicationLedger,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(RECEIVING_OFFICE_SETTINGS) private readonly settings: ReceivingOfficeSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.deadlineTickMs === 0) return;
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.logger.error({ event: 'deadline.tick-failed', error: (err as Error).message }));
    }, this.settings.deadlineTickMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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
    const batchSize = this.settings.deadlineBatchSize;
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const claimed = await this.ledger.claimDueAlerts(em, now, batchSize);
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
      if (batch.claimed < batchSize || this.stopped) break;
    }
    if (total.warnings || total.breaches) this.logger.log({ event: 'deadline.tick', ...total, at: now.toISOString() });
    return total;
  }

  private async fire(em: EntityManager, alert: DueAlert, now: Date): Promise<'warning' | 'breach' | null> {
    const { receiptNumber: receipt, homeProvince, status } = alert;
    const province = this.identity.province;
    const outcome = alertOutcome(alert.kind, status, alert.laterAlertDue);
    if (outcome.action === 'cancel') {
      await this.ledger.cancelAlert(em, alert, now, outcome.because);
      return null;
    }
    const left = daysLeft(alert.dueAt, now);
    const breach = alert.kind === 'breach';
    const dueDate = cstDate(new Date(alert.dueAt.getTime() - 1));
    const told = `the registry of province ${homeProvince} and the production centre of province ${province}`;
    const detail = breach
      ? `60-day limit breached (last day ${dueDate}) while ${status}; escalated to ${told}`
      : `${left} days left of the 60-day limit (warning at ${warningDaysLeftOf(alert.kind)}, last day ${dueDate}) while ${status}; ${told} are told`;
    await this.ledger.fireAlert(em, alert, now, detail);
    const payload: DeadlineWarning | DeadlineBreached = { receiptNumber: receipt, dueAt: alert.dueAt.toISOString(), daysLeft: left, status };
    const type = breach ? MessageType.DeadlineBreached : MessageType.DeadlineWarning;
    for (const topic of [topics.registryApplications(homeProvince), topics.productionOrders(province)]) {
      await this.outbox.add(em, { topic, key: alert.idNumber, type, payload, correlationId: receipt });
    }
    const event = breach ? 'deadline.breached' : 'deadline.warning';
    const fields = { event, receipt, idNumber: maskCitizenId(alert.idNumber), daysLeft: left, status, homeProvince };
    if (breach) this.logger.warn(fields);
    else this.logger.log(fields);
    return breach ? 'breach' : 'warning';
  }
}
