import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedJson } from '@idcard/biometrics';
import type { ApplicationKind, ApplicationStatus, ApplicationSubmitted, RejectionReason } from '@idcard/contracts';
import type { RegistryApplicationState } from '../../domain/registry-application';
import type { ReviewDoubt } from '../../domain/review';

/** The application as received holds the photo and fingerprint templates: sealed whole at rest (AES-256-GCM). */
export const sealedApplication = sealedJson<ApplicationSubmitted>();

/** An application as the home registry received, reviewed and decided it. */
@Entity({ name: 'registry_application' })
export class RegistryApplication {
  @PrimaryColumn({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  state: RegistryApplicationState;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ name: 'receiving_province', type: 'text' })
  receivingProvince: string;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ type: 'boolean' })
  expedited: boolean;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** 'automatic' for the registry's own review, otherwise the subject (from the token) of the officer who decided. */
  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy: string | null;

  /** The officer who decided, from the verified token; null for an automatic decision (and before one). */
  @Column({ name: 'reviewer_subject', type: 'text', nullable: true })
  reviewerSubject: string | null;

  @Column({ name: 'reviewer_name', type: 'text', nullable: true })
  reviewerName: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: RejectionReason | null;

  @Column({ name: 'rejection_detail', type: 'text', nullable: true })
  rejectionDetail: string | null;

  /** For DUPLICATE_IN_FLIGHT: the application that holds the citizen's slot. */
  @Column({ name: 'in_flight_receipt_number', type: 'text', nullable: true })
  inFlightReceiptNumber: string | null;

  /** Why the application waits for an officer; kept after the decision. */
  @Column({ name: 'review_doubts', type: 'jsonb', nullable: true })
  reviewDoubts: ReviewDoubt[] | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'card_serial', type: 'text', nullable: true })
  cardSerial: string | null;

  /** The receiving office's last warning that the 60 days are running out (DeadlineWarning). */
  @Column({ name: 'deadline_warned_at', type: 'timestamptz', nullable: true })
  deadlineWarnedAt: Date | null;

  /** When the receiving office reported the 60 days over (DeadlineBreached). */
  @Column({ name: 'deadline_breached_at', type: 'timestamptz', nullable: true })
  deadlineBreachedAt: Date | null;

  /** Where the application stood at the receiving office when it last reported on the deadline. */
  @Column({ name: 'receiving_status', type: 'text', nullable: true })
  receivingStatus: ApplicationStatus | null;

  /**
   * The application as submitted (photo and fingerprints included): what production is ordered from after a
   * manual review. Sealed text, never queried with SQL: whatever a query needs is a plain column above.
   */
  @Column({ type: 'text', transformer: sealedApplication })
  application: ApplicationSubmitted;

  /** W3C traceparent of the span the application arrived in: an officer's later decision is made in its trace (null with tracing off). */
  @Column({ name: 'trace_parent', type: 'text', nullable: true })
  traceParent: string | null;

  @Column({ name: 'trace_state', type: 'text', nullable: true })
  traceState: string | null;
}
