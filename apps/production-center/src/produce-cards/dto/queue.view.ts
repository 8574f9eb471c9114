import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class QueueQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000, description: 'the first this many of the queue' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(10000)
  limit?: number;
}

export class QueueEntry {
  @ApiProperty({ example: 1, description: '1 = the next card the line makes' })
  position: number;

  @ApiProperty({ example: 'R44-20250601-000001' })
  receiptNumber: string;

  @ApiProperty()
  expedited: boolean;

  @ApiProperty({ enum: ['none', 'warned', 'breached'], description: "the receiving office's report on the 60-day limit; breached, then warned, go first" })
  escalation: 'none' | 'warned' | 'breached';

  @ApiProperty({ format: 'date-time', description: 'end of the 60-day limit' })
  dueAt: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ example: '44010601' })
  receivingOfficeCode: string;
}

export class QueueView {
  @ApiProperty({ description: 'queued orders in all' })
  total: number;

  @ApiProperty({ type: [QueueEntry], description: 'in production order: breached first, then warned, then expedited, then earliest due date, then arrival' })
  orders: QueueEntry[];
}

export class RunView {
  @ApiProperty({ description: 'cards made by this run' })
  produced: number;

  @ApiProperty({ description: 'shipments dispatched by this run: expedited, full, or past their cut-off' })
  dispatched: number;
}
