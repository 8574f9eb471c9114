import type { ApplicationStatus } from '@idcard/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineStep } from '../../domain/deadline-alerts';

/** One step of an application's timeline: the status it reached (or a deadline warning or breach), when, and what the clerk should know. */
@Entity({ name: 'application_step' })
export class ApplicationStep {
  /** Insertion order is timeline order: the instants come from several provinces' clocks. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ type: 'text' })
  step: ApplicationStatus | DeadlineStep;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
