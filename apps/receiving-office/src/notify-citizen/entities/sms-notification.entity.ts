import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An SMS to a citizen, written in the transaction of the change it announces and delivered afterwards by the
 * SmsSender (an outbox for SMS). Addressed by receipt number: the gateway knows the phone, this table does not.
 */
@Entity({ name: 'sms_notification' })
export class SmsNotification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  /** What it announces; one of each per application. */
  @Column({ type: 'text' })
  purpose: 'card_arrived';

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Which SmsSender delivered it (table, or a gateway's name). */
  @Column({ name: 'sent_via', type: 'text', nullable: true })
  sentVia: string | null;
}
