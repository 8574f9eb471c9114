import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PRODUCTION_CENTER_SETTINGS, ProductionCenterSettings } from '../config';
import { ShipmentDispatcher } from '../ship-cards/shipment-dispatcher';
import { ProductionLine } from './production-line';

/**
 * Runs the line and the dispatcher every productionIntervalMs of real time (timestamps still come from the clock).
 * A tick never overlaps the previous one; shutdown waits for the tick in progress before the database closes.
 */
@Injectable()
export class ProductionSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProductionSchedule.name);
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;

  constructor(
    @Inject(PRODUCTION_CENTER_SETTINGS) private readonly settings: ProductionCenterSettings,
    private readonly line: ProductionLine,
    private readonly dispatcher: ShipmentDispatcher,
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
      // Keep making cards while a run fills up; a backlog should not wait a whole interval per batch.
      while (this.timer && (await this.line.run()).produced === this.settings.cardsPerRun);
      await this.dispatcher.dispatchDue();
    } catch (err) {
      this.logger.error({ event: 'production.run-failed', error: (err as Error).message });
    }
  }
}
