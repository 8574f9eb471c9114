import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCardSerial, IsCitizenId, IsProvinceCode, PROVINCE_CODES, ProvinceCode } from '@idcard/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { FOUND_CARD_STATUSES, FoundCardStatus } from '../domain/found-card';

/** A card handed in at the counter (POST /found-cards); the office is the clerk's, from the token. */
export class RecordFoundCardDto {
  @ApiProperty({ description: 'The serial printed on the card', example: 'P442026030100000042' })
  @IsCardSerial()
  cardSerial: string;

  @ApiProperty({ description: 'The ID number printed on the card' })
  @IsCitizenId()
  idNumber: string;

  @ApiPropertyOptional({ enum: PROVINCE_CODES, description: "The holder's home registry; default: the province of the ID number" })
  @IsOptional()
  @IsProvinceCode()
  homeProvince?: ProvinceCode;
}

export class FoundCardQueryDto {
  @ApiPropertyOptional({ enum: FOUND_CARD_STATUSES, description: 'Only cards in this status' })
  @IsOptional()
  @IsIn(FOUND_CARD_STATUSES)
  status?: FoundCardStatus;
}

export class CollectFoundCardDto {
  @ApiProperty({ description: 'The ID number the person collecting presents; must be the one on the card' })
  @IsCitizenId()
  idNumber: string;
}

export class FoundCardViewDto {
  @ApiProperty({ format: 'uuid' })
  foundCardId: string;

  @ApiProperty()
  cardSerial: string;

  @ApiProperty({ description: 'Masked: region and check character only' })
  idNumber: string;

  @ApiProperty()
  homeProvince: string;

  @ApiProperty()
  receivingOfficeCode: string;

  @ApiProperty({ enum: FOUND_CARD_STATUSES, description: 'routed → to_destroy | awaiting_collection → destroyed | collected' })
  status: FoundCardStatus;

  @ApiPropertyOptional({ enum: ['destroy', 'return'], nullable: true, description: "The home registry's instruction" })
  instruction: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Why destroy: lost, replaced, expired, unknown, mismatch' })
  reason: string | null;

  @ApiPropertyOptional({ enum: ['registry', 'uncollected'], nullable: true })
  toDestroyBecause: string | null;

  @ApiProperty({ format: 'date-time' })
  foundAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  answeredAt: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'A returned card waits for its holder until then' })
  keepUntil: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  destroyedAt: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  collectedAt: string | null;
}

export class SweepDto {
  @ApiProperty({ description: 'Cards awaiting collection past their keep date, now to be destroyed' })
  uncollected: number;
}
