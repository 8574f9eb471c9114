import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCardSerial, IsCitizenId, IsProvinceCode, PROVINCE_CODES, ProvinceCode } from '@idcard/contracts';
import { IsOptional } from 'class-validator';
import { LOSS_REPORT_STATUSES, LossReportStatus } from '../domain/loss-report';

/** A loss report as the clerk enters it (POST /loss-reports); the office is the clerk's, from the token. */
export class ReportLossDto {
  @ApiProperty({ description: 'The citizen whose card is lost: GB 11643 ID number', example: '440106199003151224' })
  @IsCitizenId()
  idNumber: string;

  @ApiPropertyOptional({ enum: PROVINCE_CODES, description: "The home registry's province; default: the province of the ID number" })
  @IsOptional()
  @IsProvinceCode()
  homeProvince?: ProvinceCode;

  @ApiPropertyOptional({ description: 'The serial of the lost card, when the citizen knows it; the registry refuses it unless it is the current card' })
  @IsOptional()
  @IsCardSerial()
  cardSerial?: string;
}

export class LossReportReceiptDto {
  @ApiProperty({ format: 'uuid' })
  reportId: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
}

export class LossReportViewDto {
  @ApiProperty({ format: 'uuid' })
  reportId: string;

  @ApiProperty({ enum: LOSS_REPORT_STATUSES, description: 'pending until the home registry answers; accepted: the card is marked lost' })
  status: LossReportStatus;

  @ApiPropertyOptional({ enum: ['not-in-register', 'not-current-card', 'already-lost'], nullable: true })
  refusal: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'What the refusal means, for the clerk' })
  refusalText: string | null;

  @ApiProperty({ description: 'Masked: region and check character only' })
  idNumber: string;

  @ApiProperty()
  homeProvince: string;

  @ApiPropertyOptional({ nullable: true, description: 'As reported, then the card the registry marked lost' })
  cardSerial: string | null;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty({ format: 'date-time' })
  reportedAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  answeredAt: string | null;
}
