import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCitizenId, IsProvinceCode, PROVINCE_CODES, ProvinceCode } from '@idcard/contracts';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { TEMPORARY_CARD_STATUSES, TemporaryCardStatus } from '../domain/temporary-card';

/** A temporary ID asked for at the counter (POST /temporary-cards); the office is the clerk's, from the token. */
export class RequestTemporaryCardDto {
  @ApiProperty({ description: 'GB 11643 ID number of the citizen (any province)' })
  @IsCitizenId()
  idNumber: string;

  @ApiProperty({ description: 'Name as the citizen states it; the home registry compares it with the register', minLength: 1, maxLength: 30 })
  @IsString()
  @Length(1, 30)
  @Matches(/\S/, { message: 'name: must not be blank' })
  name: string;

  @ApiPropertyOptional({ enum: PROVINCE_CODES, description: "The home registry's province; default: the province of the ID number" })
  @IsOptional()
  @IsProvinceCode()
  homeProvince?: ProvinceCode;
}

export class TemporaryCardDto {
  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ description: 'The serial to print on the temporary card' })
  temporarySerial: string;

  @ApiProperty({ example: '2027-03-01', description: 'The last day it is valid (three months, CST)' })
  validUntil: string;

  @ApiProperty({ example: 10, description: '工本费 in yuan' })
  fee: number;
}

export class TemporaryCardRequestViewDto {
  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ enum: TEMPORARY_CARD_STATUSES, description: 'voided: issued after the counter gave up, never handed out' })
  status: TemporaryCardStatus;

  @ApiProperty({ description: 'Masked: region and check character only' })
  idNumber: string;

  @ApiProperty()
  homeProvince: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty()
  fee: number;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'date-time' })
  answerBy: string;

  @ApiPropertyOptional({ nullable: true })
  refusal: string | null;

  @ApiPropertyOptional({ nullable: true })
  temporarySerial: string | null;

  @ApiPropertyOptional({ nullable: true })
  validUntil: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  answeredAt: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  voidedAt: string | null;
}
