import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationViewDto } from './application-view.dto';
import { TrackApplicationService } from './track-application.service';

@ApiTags('applications')
@Controller('applications')
export class TrackApplicationController {
  constructor(private readonly trackApplication: TrackApplicationService) {}

  @Get(':receiptNumber')
  @ApiOperation({ summary: 'Where the application stands: status, timeline, days left of the 60-day limit' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiNotFoundResponse({ description: 'No application with this receipt number at this office' })
  view(@Param('receiptNumber') receiptNumber: string): Promise<ApplicationViewDto> {
    return this.trackApplication.view(receiptNumber);
  }
}
