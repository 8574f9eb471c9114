import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { sealedText } from '@idcard/biometrics';
import { SMS_SENDER, SmsSender } from '@idcard/sms';
import { DataSource } from 'typeorm';

const BATCH_SIZE = 100;
const INTERVAL_MS = 200;
const MAX_BACKOFF_MS = 30_000;

/**
 * Delivers the registry's SMS outbox through the SmsSender and marks each one sent, as the receiving office's relay
 * does: rows claimed with SKIP LOCKED so replicas share the work; a crash between send and mark sends again.
 */
@Injectable()
export class SmsRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SmsRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SMS_SENDER) private readonly sender: SmsSender,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

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
        const timer = setTimeout(resolve, failures ? Math.min(MAX_BACKOFF_MS, INTERVAL_MS * 2 ** failures) : INTERVAL_MS);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  async deliverBatch(): Promise<{ sent: number; failed: number }> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; phone_number: string; text: string }[] = await em.query(
        `SELECT id, phone_number, text FROM sms_notification WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      let sent = 0;
      let failed = 0;
      for (const row of rows) {
        try {
          const text = sealedText.from(row.text)!;
          const delivery = await this.sender.send({ notificationId: String(row.id), phoneNumber: row.phone_number, text });
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
