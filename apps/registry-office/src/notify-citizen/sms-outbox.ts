import { Injectable } from '@nestjs/common';
import { sealedText } from '@idcard/biometrics';
import { AfterCommit } from '@idcard/messaging';
import { EntityManager } from 'typeorm';
import { SmsRelay } from './sms-relay';

export type SmsPurpose = 'one_time_code' | 'found_card';

/**
 * SMS to a citizen at the register's phone number, written in the transaction of what it announces and delivered
 * afterwards by the SmsRelay. The text is sealed at rest (AES-256-GCM, the service's key): it may hold a one-time code.
 * One SMS per purpose and reference (a found card, a code): a redelivered message does not send it twice.
 */
@Injectable()
export class SmsOutbox {
  constructor(
    private readonly relay: SmsRelay,
    private readonly afterCommit: AfterCommit,
  ) {}

  async queue(em: EntityManager, sms: { phoneNumber: string; purpose: SmsPurpose; reference: string; text: string; at: Date }): Promise<void> {
    await em.query(
      `INSERT INTO sms_notification (phone_number, purpose, reference, text, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (purpose, reference) DO NOTHING`,
      [sms.phoneNumber, sms.purpose, sms.reference, sealedText.to(sms.text), sms.at],
    );
    // Woken by the write itself, the relay would find nothing (the row is not visible before the commit) and wait for
    // its next poll; it is woken once the transaction has committed instead.
    this.afterCommit.run(em, () => this.relay.wake());
  }
}
