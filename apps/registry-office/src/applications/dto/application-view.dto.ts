import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_KINDS, APPLICATION_STATUSES, IsReceiptNumber, REJECTION_REASON_CODES } from '@idcard/contracts';
import { REGISTRY_APPLICATION_STATES } from '../../domain/registry-application';

export class ReceiptParams {
  @ApiProperty({ example: 'R11-20261122-000123', description: 'R, the receiving province, a dash, 6-40 upper-case letters, digits or dashes' })
  @IsReceiptNumber()
  receiptNumber: string;
}

export class DeadlineView {
  @ApiProperty({ description: 'Whole CST days left of the 60-day limit: 0 on the last day, negative once breached' })
  daysLeft: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: "The receiving office's last warning" })
  warnedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the receiving office reported the limit breached' })
  breachedAt: string | null;

  @ApiProperty({ enum: APPLICATION_STATUSES, nullable: true, description: 'Where the receiving office said the application stood' })
  receivingStatus: string | null;
}

export class RejectionView {
  @ApiProperty({ enum: REJECTION_REASON_CODES })
  reasonCode: string;

  @ApiProperty()
  detail: string;

  @ApiProperty({ nullable: true, type: String, description: 'DUPLICATE_IN_FLIGHT: the application already in flight for the citizen' })
  inFlightReceiptNumber: string | null;
}

/** The officer who took a manual decision, as their verified token named them. */
export class ReviewerView {
  @ApiProperty({ example: 'reviewer:44:officer-0427', description: "The token's subject (sub)" })
  subject: string;

  @ApiProperty({ example: '陈敏', description: "The token's name" })
  name: string;
}

export class ApplicationView {
  @ApiProperty({ example: 'R11-20250615-000123' })
  receiptNumber: string;

  @ApiProperty()
  idNumber: string;

  @ApiProperty({ enum: REGISTRY_APPLICATION_STATES })
  state: string;

  @ApiProperty({ enum: ['signed_off', 'rejected'], nullable: true, description: 'null while no decision is taken (awaiting an officer)' })
  decision: 'signed_off' | 'rejected' | null;

  @ApiProperty({ enum: APPLICATION_KINDS })
  kind: string;

  @ApiProperty()
  receivingProvince: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ nullable: true, type: String, description: "'automatic', or the subject of the officer who decided (as in ApplicationSignedOff)" })
  reviewedBy: string | null;

  @ApiProperty({ type: ReviewerView, nullable: true, description: 'The officer who decided, from their token; null for an automatic decision or none yet' })
  reviewer: ReviewerView | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why an officer has to (or had to) look at it' })
  reviewWhy: string | null;

  @ApiProperty({ type: RejectionView, nullable: true })
  rejection: RejectionView | null;

  @ApiProperty({ nullable: true, type: String, description: 'The card produced for this application' })
  cardSerial: string | null;

  @ApiProperty({ format: 'date-time' })
  acceptedAt: string;

  @ApiProperty({ format: 'date-time', description: 'The 60-day limit' })
  dueAt: string;

  @ApiProperty({ type: DeadlineView })
  deadline: DeadlineView;

  @ApiProperty({ format: 'date-time', description: 'When the registry received it' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  decidedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the card was recorded in the register' })
  issuedAt: string | null;
}
