import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { RequestTemporaryCardDto, TemporaryCardDto, TemporaryCardRequestViewDto } from './temporary-cards.dto';
import { TemporaryCardsService } from './temporary-cards.service';

@ApiTags('lost cards')
@Controller('temporary-cards')
export class TemporaryCardsController {
  constructor(private readonly temporaryCards: TemporaryCardsService) {}

  @Post()
  @Allow('clerk')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'A temporary ID (临时身份证, 10 yuan, three months) on the home registry’s word; waits up to TEMPORARY_CARD_ANSWER_MS' })
  @ApiCreatedResponse({ type: TemporaryCardDto })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field' })
  @ApiUnprocessableEntityResponse({ description: 'TEMPORARY_CARD_REFUSED: the home registry refused (refusal: not-in-register, mismatch, too-late)' })
  @ApiServiceUnavailableResponse({ description: 'TEMPORARY_CARD_NO_ANSWER: the home registry did not answer in time; try again or apply normally' })
  request(@Body() form: RequestTemporaryCardDto, @Actor() clerk: Principal): Promise<TemporaryCardDto> {
    return this.temporaryCards.request(form, clerk);
  }

  @Get(':requestId')
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'A temporary ID request and its answer (voided: issued after the counter gave up, never handed out)' })
  @ApiOkResponse({ type: TemporaryCardRequestViewDto })
  @ApiNotFoundResponse({ description: 'No request with this id at this office' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: a clerk of another office' })
  view(@Param('requestId') requestId: string, @Actor() reader: Principal): Promise<TemporaryCardRequestViewDto> {
    return this.temporaryCards.view(requestId, reader);
  }
}
