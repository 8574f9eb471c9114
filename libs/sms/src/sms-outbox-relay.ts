import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SmsMessage, SmsSender } from './sms-sender';

const BATCH_SIZE = 100;
/**
 * The relay is woken after each commit that queues an SMS; the poll is only a safety net (a row another replica left,
 * a wake lost to a failed send). At 200 ms, 62 idle relays of a 31-province run made 930 statements a second.
 */
const INTERVAL_MS = 5000;
const RETRY_BASE_MS = 200;
const MAX_BACKOFF_MS = 30_000;

/** An unsent row of a service's `sms_notification` table: its id, the address column it names, the text as stored. */
export interface UnsentSms {
  id: string;
  address: string;
  text: string;
}

/**
 * Delivers a service's SMS outbox (`sms_notification`) through the SmsSender and marks each one sent. Rows are claimed
 * with SKIP LOCKED so replicas share the work; a crash between send and mark sends again (an SMS twice beats none).
 * A service says only how its rows are addressed and read: by receipt number (receiving office) or phone (registry).
 */
export abstract class SmsOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  /** The column that addresses the citizen: the gateway's receipt number or the register's phone number. */
  protected abstract readonly addressColumn: 'receipt_number' | 'phone_number';
  /** The SMS a row stands for (a sealed text opened here). */
  protected abstract messageOf(row: UnsentSms): SmsMessage;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: SmsSender,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  // Before TypeORM closes its pool on shutdown.
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Look now: an SMS has just been committed. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.pendingWake = false;
      try {
        const { sent, failed } = await this.deliverBatch();
        failures = failed ? failures + 1 : 0;
        if (sent === BATCH_SIZE) continue;
      } catch (err) {
        failures++;
        this.logger.error({ event: 'sms.relay-failed', attempt: failures, error: (err as Error).message });
      }
      if (!this.running) break;
      if (this.pendingWake && failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures ? Math.min(MAX_BACKOFF_MS, RETRY_BASE_MS * 2 ** failures) : INTERVAL_MS);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Sends up to one batch of unsent SMS; one that fails stays unsent for the next round. */
  async deliverBatch(): Promise<{ sent: number; failed: number }> {
    return this.dataSource.transaction(async (em) => {
      const rows: UnsentSms[] = await em.query(
        `SELECT id, ${this.addressColumn} AS address, text FROM sms_notification WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      let sent = 0;
      let failed = 0;
      for (const row of rows) {
        try {
          const delivery = await this.sender.send(this.messageOf(row));
          await em.query(`UPDATE sms_notification SET sent_at = $2, sent_via = $3 WHERE id = $1`, [row.id, delivery.sentAt, this.sender.name]);
          sent++;
        } catch (err) {
          failed++;
          this.logger.warn({ event: 'sms.send-failed', notificationId: String(row.id), via: this.sender.name, error: (err as Error).message });
        }
      }
      return { sent, failed };
    });
  }
}
