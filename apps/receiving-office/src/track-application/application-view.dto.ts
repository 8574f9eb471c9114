import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_KINDS, APPLICATION_STATUSES, ApplicationKind, ApplicationStatus, REJECTION_REASON_CODES, RejectionReason } from '@idcard/contracts';
import type { DeadlineStep } from '../domain/deadline-alerts';

export class MaskedCitizenDto {
  @ApiProperty({ example: '440106***********4', description: 'Region and check character only' })
  idNumber: string;

  @ApiProperty({ example: '王*' })
  name: string;
}

/** Who caused a step: the person named by the token they acted with, and the office they acted for. */
export class StepActorDto {
  @ApiProperty({ example: 'clerk:65010201:阿依古丽', description: "The token's subject" })
  subject: string;

  @ApiProperty({ example: '阿依古丽' })
  name: string;

  @ApiPropertyOptional({ example: '65010201', nullable: true, description: 'The receiving office the clerk acted for' })
  office: string | null;
}

export class TimelineStepDto {
  @ApiProperty({
    example: 'signed_off',
    description: `a status reached (${APPLICATION_STATUSES.join(', ')}) or a deadline escalation: deadline_warning_<days left>d (deadline_warning_15d …), deadline_breached`,
  })
  step: ApplicationStatus | DeadlineStep;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({
    type: StepActorDto,
    description: 'The clerk and office that caused it (accepted, card confirmed, handed over); absent for steps from messages and deadlines',
  })
  actor?: StepActorDto;
}

export class RejectionDto {
  @ApiProperty({ enum: REJECTION_REASON_CODES })
  reasonCode: RejectionReason;

  @ApiProperty()
  detail: string;

  @ApiPropertyOptional({ description: 'With DUPLICATE_IN_FLIGHT: the application already in progress' })
  inFlightReceiptNumber?: string;
}

export class CardDto {
  @ApiProperty()
  serial: string;

  @ApiProperty()
  shipmentId: string;

  @ApiPropertyOptional({ format: 'date-time' })
  arrivedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  handedOverAt?: string;
}

/** Where a receipt stands and how many of its 60 days are left. */
export class ApplicationViewDto {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: ApplicationStatus;

  @ApiProperty({ enum: APPLICATION_KINDS })
  kind: ApplicationKind;

  @ApiProperty()
  homeProvince: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ enum: ['counter', 'kiosk', 'post'] })
  deliveryMethod: string;

  @ApiProperty({ format: 'date-time' })
  acceptedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ description: 'The last CST calendar day of the limit' })
  dueDate: string;

  @ApiProperty({ description: 'Whole CST days left; 0 on the last day, negative once breached' })
  daysLeft: number;

  @ApiProperty({ type: MaskedCitizenDto })
  citizen: MaskedCitizenDto;

  @ApiProperty({ type: [TimelineStepDto] })
  timeline: TimelineStepDto[];

  @ApiPropertyOptional({ type: RejectionDto })
  rejection?: RejectionDto;

  @ApiPropertyOptional({ type: CardDto })
  card?: CardDto;
}
