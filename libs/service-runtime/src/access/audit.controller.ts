import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Allow } from './access.decorators';
import { AuditTrail } from './audit-trail';

export class AuditQuery {
  @IsOptional()
  @IsString()
  receipt?: string;

  @IsOptional()
  @IsString()
  subject?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** The audit trail for operators and supervisors: newest first, by receipt or by person. */
@ApiTags('operations')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Allow('ops')
  @ApiOperation({ summary: 'Audit trail of state changes and reads of personal data (ops)' })
  list(@Query() q: AuditQuery): Promise<object[]> {
    return this.trail.list(q);
  }
}
