import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HOME_PROVINCE } from '../home-province';
import { unknownReceipt } from './application-errors';
import { applicationView } from './application-view';
import { ApplicationView, ReceiptParams } from './dto/application-view.dto';
import { RegistryApplication } from './entities/registry-application.entity';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(HOME_PROVINCE) private readonly province: string,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':receiptNumber')
  @ApiOperation({ summary: "The registry's view of an application: state, decision, reviewer, times" })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'receiptNumber is not a receipt number' })
  @ApiNotFoundResponse({ description: 'the registry never received this receipt' })
  async find(@Param() { receiptNumber }: ReceiptParams): Promise<ApplicationView> {
    const application = await this.dataSource.getRepository(RegistryApplication).findOne({ where: { receiptNumber } });
    if (!application) throw unknownReceipt(receiptNumber, this.province);
    return applicationView(application, this.clock.now());
  }
}
