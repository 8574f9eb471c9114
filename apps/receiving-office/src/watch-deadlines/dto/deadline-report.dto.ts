import { ApiProperty } from '@nestjs/swagger';

export class StageCountsDto {
  @ApiProperty({ description: 'submitted, waiting for the home registry to sign off' })
  waiting_for_sign_off: number;

  @ApiProperty({ description: 'signed off or in production' })
  in_production: number;

  @ApiProperty({ description: 'shipped, not yet arrived' })
  in_transit: number;

  @ApiProperty({ description: 'arrived at the office, not yet handed over' })
  awaiting_handover: number;
}

export class ProvinceCountsDto {
  @ApiProperty({ example: '65', description: 'the home (counterpart) province' })
  homeProvince: string;

  @ApiProperty()
  total: number;

  @ApiProperty({ type: StageCountsDto })
  byStage: StageCountsDto;
}

export class EscalationSummaryDto {
  @ApiProperty()
  total: number;

  @ApiProperty({ type: StageCountsDto })
  byStage: StageCountsDto;

  @ApiProperty({ type: [ProvinceCountsDto], description: 'the province holding up the most first' })
  byHomeProvince: ProvinceCountsDto[];
}

export class TickDto {
  @ApiProperty({ description: 'warnings fired by this tick' })
  warnings: number;

  @ApiProperty({ description: 'breaches fired by this tick' })
  breaches: number;
}

/** Applications of this province at risk of, or past, the 60-day limit and still unfinished. */
export class DeadlineReportDto {
  @ApiProperty({ example: '44' })
  receivingProvince: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: EscalationSummaryDto, description: 'warned, not breached, unfinished' })
  atRisk: EscalationSummaryDto;

  @ApiProperty({ type: EscalationSummaryDto, description: 'breached and still unfinished' })
  breached: EscalationSummaryDto;
}
