import { Controller, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from './applications.service';
import { ApplicationView, ReceiptParams } from './dto/application-view.dto';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':receiptNumber')
  @ApiOperation({ summary: "The registry's view of an application: state, decision, reviewer, times" })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'receiptNumber is not a receipt number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  find(@Param() { receiptNumber }: ReceiptParams): Promise<ApplicationView> {
    return this.applications.view(receiptNumber);
  }
}
