import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { DataSource } from 'typeorm';
import { CardBroadcasts } from './card-broadcasts';

const BATCH_SIZE = 500;
const INTERVAL_MS = 1000;

interface Unannounced {
  card_serial: string;
  id_number: string;
  name: string;
  expires_on: string | null;
  status: 'valid' | 'invalidated';
  invalidation_reason: 'replaced' | 'lost' | 'expired' | null;
}

/**
 * Announces the register's cards that no CardIssued has gone out for yet — the seed's (over HTTP or from the shell,
 * which has no outbox of its own) and every card from before issue 12 — so every province's verification table
 * knows them. Claims them in batches with FOR UPDATE SKIP LOCKED, so replicas share the work; an already invalid
 * card is announced and its invalidation with it, so a reader never takes it for valid.
 */
@Injectable()
export class CardAnnouncer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CardAnnouncer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: CardBroadcasts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Announce now (after a seed), without waiting for the next round. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.announceAll()
        .catch((err) => this.logger.error({ event: 'cards.announce-failed', error: (err as Error).message }))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(INTERVAL_MS);
        });
    }, ms);
  }

  /** Announces every unannounced card, a batch per transaction; the number announced. */
  async announceAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.announceBatch();
      total += n;
      if (n < BATCH_SIZE || this.stopped) return total;
    }
  }

  private announceBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: Unannounced[] = await em.query(
        `SELECT card.card_serial, card.id_number, citizen.name, to_char(card.expires_on, 'YYYY-MM-DD') AS expires_on, card.status, card.invalidation_reason
           FROM card JOIN citizen USING (id_number)
          WHERE card.announced_at IS NULL
          ORDER BY card.card_serial LIMIT $1 FOR UPDATE OF card SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const now = this.clock.now();
      for (const row of rows) {
        const card = { cardSerial: row.card_serial, idNumber: row.id_number, name: row.name, kind: 'resident' as const, validUntil: row.expires_on };
        await this.broadcasts.issued(em, card, now);
        if (row.status === 'invalidated' && row.invalidation_reason) await this.broadcasts.invalidated(em, card, row.invalidation_reason, now);
      }
      if (rows.length) this.logger.log({ event: 'cards.announced', count: rows.length });
      return rows.length;
    });
  }
}
