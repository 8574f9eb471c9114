import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineAlertKind } from '../../domain/deadline-alerts';

/** One warning or the breach of an application's 60-day limit: pending until the scheduler fires it or a completion cancels it. */
@Entity({ name: 'deadline_alert' })
export class DeadlineAlert {
  @PrimaryColumn({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @PrimaryColumn({ type: 'text' })
  kind: DeadlineAlertKind;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_because', type: 'text', nullable: true })
  cancelledBecause: 'completed' | 'superseded' | null;
}
