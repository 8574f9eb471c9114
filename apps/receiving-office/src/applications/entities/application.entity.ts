import type { ApplicationKind, ApplicationStatus, DeliveryMethod, ProvinceCode, RejectionReason } from '@idcard/contracts';
import type { DeadlineState } from '../../domain/deadline-report';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An application taken at a counter of this province, and everything that happened to it since. */
@Entity({ name: 'application' })
export class Application {
  @PrimaryColumn({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: ProvinceCode;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'boolean' })
  expedited: boolean;

  @Column({ name: 'delivery_method', type: 'text' })
  deliveryMethod: DeliveryMethod;

  @Column({ name: 'postal_address', type: 'text', nullable: true })
  postalAddress: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;

  /** The end of the 60-day limit (indexed for the deadline scheduler in the migration). */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** How far the deadline scheduler has escalated it: warned, then breached (null before the first warning). */
  @Column({ name: 'deadline_state', type: 'text', nullable: true })
  deadlineState: DeadlineState | null;

  @Column({ name: 'card_serial', type: 'text', nullable: true })
  cardSerial: string | null;

  @Column({ name: 'shipment_id', type: 'text', nullable: true })
  shipmentId: string | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: RejectionReason | null;

  @Column({ name: 'rejection_detail', type: 'text', nullable: true })
  rejectionDetail: string | null;

  /** A lost application (补领) whose loss the clerk recorded in the same step (the home registry marks the card lost). */
  @Column({ name: 'loss_reported_at_counter', type: 'boolean', default: false })
  lossReportedAtCounter: boolean;

  /** With DUPLICATE_IN_FLIGHT: the receipt of the application already in progress elsewhere. */
  @Column({ name: 'rejection_in_flight_receipt_number', type: 'text', nullable: true })
  rejectionInFlightReceiptNumber: string | null;

  /** W3C traceparent of the submission: the application's later steps are recorded in its trace (null with tracing off). */
  @Column({ name: 'trace_parent', type: 'text', nullable: true })
  traceParent: string | null;

  @Column({ name: 'trace_state', type: 'text', nullable: true })
  traceState: string | null;
}
