import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RECEIVING_OFFICE_CODE } from '@idcard/contracts';
import { SHIPMENT_STATES, ShipmentState } from '../../domain/shipment';

export class ListShipmentsQuery {
  @ApiPropertyOptional({ example: '44010601', description: 'only shipments to this receiving office' })
  @IsOptional()
  @Matches(RECEIVING_OFFICE_CODE, { message: 'receivingOfficeCode must be a 6-digit county code and a 2-digit station' })
  receivingOfficeCode?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_STATES })
  @IsOptional()
  @IsIn(SHIPMENT_STATES, { message: `state must be ${SHIPMENT_STATES.join(' or ')}` })
  state?: ShipmentState;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'newest first, at most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;
}
