import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { pruneMessaging } from '@idcard/messaging';
import { DataSource } from 'typeorm';
import { RetentionSettings } from './retention-settings';

export const RETENTION_SETTINGS = Symbol('RetentionSettings');
export const RETENTION_TASKS = Symbol('RetentionTasks');

/** A service's own purge (photos and fingerprints of finished applications, say): how many rows it purged. */
export interface RetentionTask {
  name: string;
  run(dataSource: DataSource, now: Date, settings: RetentionSettings): Promise<number>;
}

/** What one run removed, by what: outbox, inbox, and each task of the service. */
export type RetentionRun = Record<string, number>;

/**
 * The retention job of one service: every RETENTION_TICK_MS it prunes sent outbox rows and applied inbox rows past
 * their periods and runs the service's purges, all dated by the service's clock (tests move it). Each part is its
 * own statements; a run that fails (the database away) is logged and the next one catches up.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionRun> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    @Inject(RETENTION_TASKS) private readonly tasks: RetentionTask[],
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.tickMs === 0) return;
    this.timer = setInterval(() => {
      this.run().catch((err) => this.logger.error({ event: 'retention.failed', error: (err as Error).message }));
    }, this.settings.tickMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs the whole job now (or waits for the run in progress and runs again). */
  async run(): Promise<RetentionRun> {
    while (this.running) await this.running.catch(() => undefined);
    const running = this.prune().finally(() => (this.running = null));
    this.running = running;
    return running;
  }

  private async prune(): Promise<RetentionRun> {
    const now = this.clock.now();
    const result: RetentionRun = { ...(await pruneMessaging(this.dataSource, now, this.settings)) };
    for (const task of this.tasks) result[task.name] = await task.run(this.dataSource, now, this.settings);
    if (Object.values(result).some((n) => n > 0)) this.logger.log({ event: 'retention.pruned', ...result, at: now.toISOString() });
    return result;
  }
}
