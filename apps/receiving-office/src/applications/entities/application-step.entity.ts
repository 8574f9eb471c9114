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

  /** The person who caused the step (the token's subject); null for steps from messages and the deadline scheduler. */
  @Column({ name: 'actor_subject', type: 'text', nullable: true })
  actorSubject: string | null;

  /** Their name, as the token's issuer vouches for it. */
  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  /** The receiving office they acted for (the clerk's office from the token). */
  @Column({ type: 'text', nullable: true })
  office: string | null;
}
