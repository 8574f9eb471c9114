import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { cstDate } from '@idcard/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { RegistryOfficeSettings } from '../config';
import { CardBroadcasts } from '../register/card-broadcasts';
import { REGISTRY_OFFICE_SETTINGS } from '../settings.module';

const BATCH_SIZE = 500;

/**
 * Invalidates this registry's cards past their last valid day (CST, by the service's clock) — resident and temporary —
 * and tells every province (CardInvalidated, expired). (The CTEs make the driver answer plain rows.) Claims them in batches with FOR UPDATE SKIP LOCKED, through
 * partial indexes of valid cards by expiry, like the deadline scheduler: replicas never invalidate one twice, and a
 * restart catches up. Runs every EXPIRY_SWEEP_MS and on POST /cards/expiry-sweep. Verification does not wait for it:
 * a card past its day already answers expired.
 */
@Injectable()
export class ExpirySweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpirySweep.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: CardBroadcasts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRY_OFFICE_SETTINGS) private readonly settings: RegistryOfficeSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err) => this.logger.error({ event: 'cards.expiry-sweep-failed', error: (err as Error).message }))
        .finally(() => (this.running = null));
    }, this.settings.expirySweepMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps everything due now; how many cards were invalidated. */
  async sweep(): Promise<{ expired: number }> {
    const today = cstDate(this.clock.now());
    let expired = 0;
    for (;;) {
      const n = await this.dataSource.transaction((em) => this.sweepBatch(em, today));
      expired += n;
      if (n < BATCH_SIZE) break;
    }
    if (expired) this.logger.log({ event: 'cards.expired', count: expired, today });
    return { expired };
  }

  private async sweepBatch(em: EntityManager, today: string): Promise<number> {
    const now = this.clock.now();
    const resident: { card_serial: string; id_number: string }[] = await em.query(
      `WITH due AS (
         SELECT card_serial FROM card WHERE status = 'valid' AND expires_on IS NOT NULL AND expires_on < $1::date
          ORDER BY expires_on, card_serial LIMIT $2 FOR UPDATE SKIP LOCKED)
       , expired AS (
         UPDATE card SET status = 'invalidated', invalidated_at = $3, invalidation_reason = 'expired'
          WHERE card_serial IN (SELECT card_serial FROM due) RETURNING card_serial, id_number)
       SELECT card_serial, id_number FROM expired`,
      [today, BATCH_SIZE, now],
    );
    const temporary: { card_serial: string; id_number: string }[] = await em.query(
      `WITH due AS (
         SELECT temporary_serial FROM temporary_card WHERE status = 'valid' AND valid_until < $1::date
          ORDER BY valid_until, temporary_serial LIMIT $2 FOR UPDATE SKIP LOCKED)
       , expired AS (
         UPDATE temporary_card SET status = 'invalidated', invalidated_at = $3, invalidation_reason = 'expired'
          WHERE temporary_serial IN (SELECT temporary_serial FROM due) RETURNING temporary_serial AS card_serial, id_number)
       SELECT card_serial, id_number FROM expired`,
      [today, BATCH_SIZE, now],
    );
    for (const card of [...resident, ...temporary])
      await this.broadcasts.invalidated(em, { cardSerial: card.card_serial, idNumber: card.id_number }, 'expired', now);
    return Math.max(resident.length, temporary.length);
  }
}
