import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ESCALATION_NAMES, EscalationLevel } from '../domain/escalation';

export class EscalationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(10000)
  limit?: number;
}

export class EscalationEntry {
  @ApiProperty()
  receiptNumber: string;

  @ApiProperty({ enum: ['warned', 'breached'] })
  escalation: 'warned' | 'breached';

  @ApiProperty({ description: 'days left of the 60-day limit when the receiving office reported it' })
  daysLeft: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ nullable: true, enum: ['expedited', 'passed_on', 'shipped_at_once', 'already_shipped'], description: 'null: kept until the order arrives' })
  appliedAs: string | null;
}

export class EscalationsView {
  @ApiProperty()
  total: number;

  @ApiProperty({ description: 'kept for orders that have not arrived yet' })
  kept: number;

  @ApiProperty({ type: [EscalationEntry], description: 'latest first' })
  escalations: EscalationEntry[];
}

@ApiTags('orders')
@Controller('escalations')
export class EscalationsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Deadline warnings and breaches received from the receiving office, and what was done with each' })
  @ApiOkResponse({ type: EscalationsView })
  async list(@Query() query: EscalationsQuery): Promise<EscalationsView> {
    const [counts]: { total: string; kept: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total, count(*) FILTER (WHERE applied_at IS NULL) AS kept FROM deadline_escalation`,
    );
    const rows: { receipt_number: string; escalation: EscalationLevel; payload: { daysLeft: number }; received_at: Date; applied_as: string | null }[] = await this.dataSource.query(
      `SELECT receipt_number, escalation, payload, received_at, applied_as FROM deadline_escalation ORDER BY received_at DESC, receipt_number LIMIT $1`,
      [query.limit ?? 1000],
    );
    return {
      total: Number(counts.total),
      kept: Number(counts.kept),
      escalations: rows.map((r) => ({
        receiptNumber: r.receipt_number,
        escalation: ESCALATION_NAMES[r.escalation] as 'warned' | 'breached',
        daysLeft: r.payload.daysLeft,
        receivedAt: r.received_at.toISOString(),
        appliedAs: r.applied_as,
      })),
    };
  }
}
