import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@idcard/service-runtime';
import { DeadlineReportService } from './deadline-report.service';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlineReportDto, TickDto } from './dto/deadline-report.dto';

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    private readonly reports: DeadlineReportService,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  @Get('report')
  // Counts by stage and province, no citizen: not an audited read.
  @Allow('ops')
  @ApiOperation({ summary: 'Unfinished applications at risk (warned) and breached, by stage and by home province' })
  @ApiOkResponse({ type: DeadlineReportDto })
  report(): Promise<DeadlineReportDto> {
    return this.reports.report();
  }

  @Post('tick')
  @Allow('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the deadline scheduler now (it also runs on a timer): fires every warning and breach due' })
  @ApiOkResponse({ type: TickDto })
  tick(): Promise<TickDto> {
    return this.scheduler.tick();
  }
}
