import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Allow } from '@idcard/service-runtime';
import { APPLIED_AS, AppliedAs, ESCALATION_NAMES } from '../domain/escalation';
import { EscalateOrderService } from './escalate-order.service';

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

  @ApiProperty({ nullable: true, enum: Object.values(APPLIED_AS), description: 'null: kept until the order arrives' })
  appliedAs: AppliedAs | null;
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
  constructor(private readonly escalate: EscalateOrderService) {}

  /** Operators, and ops, who watches the 60-day limits across the country (receipts and days left, no citizen's data). */
  @Get()
  @Allow('operator', 'ops')
  @ApiOperation({ summary: 'Deadline warnings and breaches received from the receiving office, and what was done with each' })
  @ApiOkResponse({ type: EscalationsView })
  async list(@Query() query: EscalationsQuery): Promise<EscalationsView> {
    const { total, kept, reports } = await this.escalate.reports(query.limit ?? 1000);
    return {
      total,
      kept,
      escalations: reports.map((r) => ({
        receiptNumber: r.receiptNumber,
        escalation: ESCALATION_NAMES[r.escalation] as 'warned' | 'breached',
        daysLeft: r.daysLeft,
        receivedAt: r.receivedAt.toISOString(),
        appliedAs: r.appliedAs,
      })),
    };
  }
}
