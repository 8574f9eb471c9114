import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from '../config';
import { LineWork } from '../domain/line-work';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';
import { ProductionLine } from './production-line';

/** How often (real time) a tick runs the line and the dispatcher whether or not LineWork says there is work. */
export const LOOK_ANYWAY_EVERY_MS = 5000;

/**
 * Runs the line and the dispatcher every productionIntervalMs of real time (timestamps still come from the clock),
 * when LineWork says they have work, and every LOOK_ANYWAY_EVERY_MS regardless. A tick never overlaps the previous
 * one; shutdown waits for the tick in progress before the database closes.
 */
@Injectable()
export class ProductionSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProductionSchedule.name);
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private ticks = 0;

  constructor(
    @Inject(PRODUCTION_CENTER_SETTINGS) private readonly settings: ProductionCenterSettings,
    private readonly line: ProductionLine,
    private readonly dispatcher: ShipmentDispatcher,
    private readonly work: LineWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.productionIntervalMs === 0) return;
    this.timer = setInterval(() => {
      this.tick ??= this.runTick().finally(() => (this.tick = null));
    }, this.settings.productionIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tick;
  }

  private async runTick(): Promise<void> {
    try {
      const lookAnyway = this.ticks++ % Math.max(1, Math.round(LOOK_ANYWAY_EVERY_MS / this.settings.productionIntervalMs)) === 0;
      // Keep making cards while a run fills up; a backlog should not wait a whole interval per batch.
      if (this.work.due(this.clock.now(), lookAnyway).line) while (this.timer && (await this.line.run()).produced === this.settings.cardsPerRun);
      // Read after the line ran, so the cards it just packed count (an expedited one has left already).
      const now = this.clock.now();
      if (this.work.due(now, lookAnyway).dispatch) {
        await this.dispatcher.dispatchDue();
        this.work.dispatched(now);
      }
    } catch (err) {
      this.logger.error({ event: 'production.run-failed', error: (err as Error).message });
    }
  }
}
