import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  ApplicationKind,
  ApplicationStatus,
  DELIVERY_METHODS,
  DeliveryMethod,
  REJECTION_REASON_CODES,
  RejectionReason,
} from '@idcard/contracts';
import { IsString, Length, Matches } from 'class-validator';

/** What a citizen knows: the receipt and the last four characters of their ID number. */
export class ProgressQueryDto {
  @ApiProperty({ example: 'R65-20261201-000001' })
  @IsString()
  @Length(1, 48)
  receiptNumber: string;

  @ApiProperty({ example: '123X', description: 'The last four characters of the ID number (the last may be X)' })
  @IsString()
  @Matches(/^\d{3}[\dXx]$/, { message: 'idNumberLast4: must be the last four characters of the ID number (the last may be X)' })
  idNumberLast4: string;
}

export class ProgressStepDto {
  @ApiProperty({ enum: APPLICATION_STATUSES })
  step: ApplicationStatus;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class CollectionDto {
  @ApiProperty({ enum: DELIVERY_METHODS })
  method: DeliveryMethod;

  @ApiProperty({ description: 'The receiving office the card goes to' })
  receivingOfficeCode: string;

  @ApiProperty({ description: 'Province of that office' })
  province: string;

  @ApiProperty({ description: 'The card is at the office, waiting for the citizen' })
  ready: boolean;

  @ApiPropertyOptional({ format: 'date-time' })
  collectedAt?: string;
}

export class SmsNoticeDto {
  @ApiProperty({ format: 'date-time' })
  sentAt: string;

  @ApiProperty()
  text: string;
}

/** The citizen's progress: only what is theirs to know, personal data masked as everywhere. */
export class CitizenProgressDto {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: ApplicationStatus;

  @ApiProperty({ enum: APPLICATION_KINDS })
  kind: ApplicationKind;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ example: '王*' })
  maskedName: string;

  @ApiProperty({ example: '440106***********4' })
  maskedIdNumber: string;

  @ApiProperty({ format: 'date-time' })
  acceptedAt: string;

  @ApiProperty({ description: 'The last CST calendar day of the 60-day limit' })
  dueDate: string;

  @ApiProperty({ description: 'Whole CST days left; 0 on the last day, negative once breached' })
  daysLeft: number;

  @ApiProperty({ type: [ProgressStepDto], description: 'The statuses reached, with when (no staff names, no internal escalations)' })
  timeline: ProgressStepDto[];

  @ApiProperty({ type: CollectionDto })
  collection: CollectionDto;

  @ApiPropertyOptional({ enum: REJECTION_REASON_CODES })
  rejectionReason?: RejectionReason;

  @ApiProperty({ type: [SmsNoticeDto] })
  notices: SmsNoticeDto[];
}
