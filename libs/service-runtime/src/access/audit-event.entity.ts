import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request that changed state or read personal data: who (from the token), in which role and office, what,
 * about which receipt, when, and how it ended. Append-only: a trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'audit_event' })
@Index('audit_event_receipt', ['receiptNumber', 'at'])
@Index('audit_event_subject', ['subject', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text', nullable: true })
  province: string | null;

  @Column({ type: 'text', nullable: true })
  office: string | null;

  /** The route as declared (`POST /applications/:receipt/handover`): never the URL, which may hold an ID number. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'receipt_number', type: 'text', nullable: true })
  receiptNumber: string | null;

  /** The HTTP status answered. */
  @Column({ type: 'int' })
  outcome: number;

  /** The error code of a refusal (NOT_ALLOWED, WRONG_STATUS, …); null when it succeeded. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;
}
