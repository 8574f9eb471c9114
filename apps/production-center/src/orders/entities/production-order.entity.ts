import { sealedText } from '@idcard/biometrics';
import type { ApplicationKind, CardScript } from '@idcard/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductionOrderState } from '../../domain/production-order';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One card to make (or an order passed on to the centre that prints its script); written by the OrderLedger alone. */
@Entity({ name: 'production_order' })
export class ProductionOrder {
  @PrimaryColumn({ name: 'receipt_number', type: 'text' })
  receiptNumber: string;

  /** Arrival sequence at this centre, the last key of the queue order. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber })
  arrival: number;

  @Column({ type: 'text' })
  state: ProductionOrderState;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sex: 'male' | 'female';

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'ethnic_group', type: 'text' })
  ethnicGroup: string;

  /** The JPEG's base64, sealed at rest (libs/biometrics); kept only until the card is printed. */
  @Column({ name: 'photo_jpeg', type: 'text', nullable: true, select: false, transformer: sealedText })
  photoJpegBase64: string | null;

  @Column({ name: 'photo_sha256', type: 'text' })
  photoSha256: string;

  @Column({ name: 'card_script', type: 'text', nullable: true })
  cardScript: CardScript | null;

  /** 0, or the receiving office's deadline report: 1 warned, 2 breached; first key of the queue order. */
  @Column({ type: 'smallint' })
  escalation: number;

  @Column({ type: 'boolean' })
  expedited: boolean;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'ordered_at', type: 'timestamptz' })
  orderedAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: string;

  @Column({ name: 'receiving_province', type: 'text' })
  receivingProvince: string;

  @Column({ name: 'receiving_office_code', type: 'text' })
  receivingOfficeCode: string;

  @Column({ name: 'forwarded_from', type: 'text', nullable: true })
  forwardedFrom: string | null;

  @Column({ name: 'forwarded_to', type: 'text', nullable: true })
  forwardedTo: string | null;

  @Column({ name: 'card_serial', type: 'text', nullable: true })
  cardSerial: string | null;

  @Column({ name: 'issue_date', type: 'date', nullable: true })
  issueDate: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'produced_at', type: 'timestamptz', nullable: true })
  producedAt: Date | null;

  @Column({ name: 'shipment_id', type: 'text', nullable: true })
  shipmentId: string | null;

  /** The operator whose POST /production/run made the card (from the token); null when the line's timer made it. */
  @Column({ name: 'produced_by_subject', type: 'text', nullable: true })
  producedBySubject: string | null;

  @Column({ name: 'produced_by_name', type: 'text', nullable: true })
  producedByName: string | null;

  /** W3C traceparent of the span the order arrived in: the line makes its card in that trace (null with tracing off). */
  @Column({ name: 'trace_parent', type: 'text', nullable: true })
  traceParent: string | null;

  @Column({ name: 'trace_state', type: 'text', nullable: true })
  traceState: string | null;
}
