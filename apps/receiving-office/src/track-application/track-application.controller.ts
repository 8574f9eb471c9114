import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { ApplicationViewDto } from './application-view.dto';
import { TrackApplicationService } from './track-application.service';

@ApiTags('applications')
@Controller('applications')
export class TrackApplicationController {
  constructor(private readonly trackApplication: TrackApplicationService) {}

  @Get(':receiptNumber')
  // ops reads too: at 3 a.m. a stuck application (a missed deadline, a dead-lettered decision) is diagnosed from its timeline.
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'Where the application stands: status, timeline, days left of the 60-day limit' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse({ description: 'No application with this receipt number at this office' })
  @ApiForbiddenResponse({ description: "NOT_ALLOWED: a clerk of another office (needed.office names the application's)" })
  view(@Param('receiptNumber') receiptNumber: string, @Actor() reader: Principal): Promise<ApplicationViewDto> {
    return this.trackApplication.view(receiptNumber, reader);
  }
}
