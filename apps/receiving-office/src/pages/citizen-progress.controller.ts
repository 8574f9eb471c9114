import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { PublicLookup } from '@idcard/service-runtime';
import { CitizenProgressDto, ProgressQueryDto } from './citizen-progress.dto';
import { CitizenProgressService } from './citizen-progress.service';

@ApiTags('citizen')
@Controller('track')
export class CitizenProgressController {
  constructor(private readonly citizenProgress: CitizenProgressService) {}

  // A POST, so the part of the ID number stays out of URLs, browser history and access logs.
  @Post('lookup')
  @PublicLookup()
  @HttpCode(200)
  @ApiOperation({ summary: "The citizen's progress query (no token): receipt number and the last four characters of the ID number" })
  @ApiOkResponse({ type: CitizenProgressDto })
  @ApiNotFoundResponse({ description: 'UNKNOWN_APPLICATION: no such receipt, or the ID number does not end so — the same answer for both' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS: more look-ups from this address than RATE_LIMIT_LOOKUP_PER_MINUTE' })
  lookup(@Body() query: ProgressQueryDto): Promise<CitizenProgressDto> {
    return this.citizenProgress.progress(query.receiptNumber, query.idNumberLast4);
  }
}
