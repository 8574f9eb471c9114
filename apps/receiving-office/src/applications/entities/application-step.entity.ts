import type { ApplicationStatus } from '@idcard/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of an application's timeline: the status it reached, when, and what the clerk should know. */
@Entity({ name: 'application_step' })
export class ApplicationStep {
  /** Insertion order is timeline order: the instants come from several provinces' clocks. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ type: 'text' })
  step: ApplicationStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
