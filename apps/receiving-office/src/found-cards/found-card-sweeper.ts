import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ReceivingOfficeSettings } from '../config';
import { RECEIVING_OFFICE_SETTINGS } from '../settings.module';
import { FoundCardsService } from './found-cards.service';

/**
 * Runs the uncollected-card sweep every FOUND_CARD_SWEEP_MS (real time; what is due is judged by the service's clock,
 * so tests and the demo move the clock and call `sweep`). A sweep already running in this process is waited for.
 */
@Injectable()
export class FoundCardSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FoundCardSweeper.name);
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly foundCards: FoundCardsService,
    @Inject(RECEIVING_OFFICE_SETTINGS) private readonly settings: ReceivingOfficeSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.foundCardSweepMs === 0) return;
    this.timer = setInterval(() => {
      this.sweep().catch((err) => this.logger.error({ event: 'found-card.sweep-failed', error: (err as Error).message }));
    }, this.settings.foundCardSweepMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    const running = this.foundCards.sweepUncollected().finally(() => (this.running = null));
    this.running = running;
    return running;
  }
}
