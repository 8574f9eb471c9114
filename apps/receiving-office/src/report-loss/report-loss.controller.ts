import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { LossReportReceiptDto, LossReportViewDto, ReportLossDto } from './report-loss.dto';
import { ReportLossService } from './report-loss.service';

@ApiTags('lost cards')
@Controller('loss-reports')
export class ReportLossController {
  constructor(private readonly reportLoss: ReportLossService) {}

  @Post()
  @Allow('clerk')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Report a card lost (挂失申报) for a citizen of any province; the home registry answers (GET /loss-reports/:id)' })
  @ApiAcceptedResponse({ type: LossReportReceiptDto })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field' })
  report(@Body() form: ReportLossDto, @Actor() clerk: Principal): Promise<LossReportReceiptDto> {
    return this.reportLoss.report(form, clerk);
  }

  @Get(':reportId')
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: "The loss report and the home registry's answer: pending, accepted, or refused with the reason" })
  @ApiOkResponse({ type: LossReportViewDto })
  @ApiNotFoundResponse({ description: 'No loss report with this id at this office' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: a clerk of another office' })
  view(@Param('reportId') reportId: string, @Actor() reader: Principal): Promise<LossReportViewDto> {
    return this.reportLoss.view(reportId, reader);
  }
}
