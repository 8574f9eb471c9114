import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow } from '@idcard/service-runtime';
import { HandOverCardDto, HandoverDto } from './hand-over-card.dto';
import { HandOverCardService } from './hand-over-card.service';

@ApiTags('applications')
@Controller('applications')
export class HandOverCardController {
  constructor(private readonly handOverCard: HandOverCardService) {}

  @Post(':receiptNumber/handover')
  @Allow('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hand the arrived card to the applicant (发放)' })
  @ApiOkResponse({ type: HandoverDto })
  @ApiBadRequestResponse({ description: 'idNumber is not a valid ID number' })
  @ApiForbiddenResponse({ description: "NOT_THE_APPLICANT: the ID number is not the applicant's; NOT_ALLOWED: a clerk of another office" })
  @ApiNotFoundResponse({ description: 'Unknown receipt number' })
  @ApiConflictResponse({ description: 'The card has not arrived (or was already handed over); currentStatus names the status' })
  handOver(@Param('receiptNumber') receiptNumber: string, @Body() body: HandOverCardDto, @Actor() clerk: Principal): Promise<HandoverDto> {
    return this.handOverCard.handOver(receiptNumber, body.idNumber, clerk);
  }
}
