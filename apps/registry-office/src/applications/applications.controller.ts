import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Allow, AuditedRead } from '@idcard/service-runtime';
import { ApplicationsService } from './applications.service';
import { ApplicationView, ReceiptParams } from './dto/application-view.dto';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':receiptNumber')
  // ops too: at 3 a.m. an operator chasing a breached or stuck application must see where the registry holds it
  // (state, decision, deadline) without a reviewer; it carries no biometrics, and every read is in the audit trail.
  @Allow('reviewer', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: "The registry's view of an application: state, decision, reviewer, times (reviewer, ops; audited)" })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no bearer token, or one that does not verify' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: neither a reviewer of this province nor ops' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'receiptNumber is not a receipt number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  find(@Param() { receiptNumber }: ReceiptParams): Promise<ApplicationView> {
    return this.applications.view(receiptNumber);
  }
}
