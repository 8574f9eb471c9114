import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { FoundCardSweeper } from './found-card-sweeper';
import { CollectFoundCardDto, FoundCardQueryDto, FoundCardViewDto, RecordFoundCardDto, SweepDto } from './found-cards.dto';
import { FoundCardsService } from './found-cards.service';

@ApiTags('lost cards')
@Controller('found-cards')
export class FoundCardsController {
  constructor(
    private readonly foundCards: FoundCardsService,
    private readonly sweeper: FoundCardSweeper,
  ) {}

  @Post()
  @Allow('clerk')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: "Record a card handed in at the counter (丢失招领); it is routed to the holder's home registry" })
  @ApiCreatedResponse({ type: FoundCardViewDto })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field' })
  @ApiConflictResponse({ description: 'FOUND_CARD_ALREADY_HELD: the same card was handed in before and is still held' })
  record(@Body() form: RecordFoundCardDto, @Actor() clerk: Principal): Promise<FoundCardViewDto> {
    return this.foundCards.record(form, clerk);
  }

  @Get()
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: "The office's found cards (every office's for ops), optionally in one status" })
  @ApiOkResponse({ type: [FoundCardViewDto] })
  list(@Query() query: FoundCardQueryDto, @Actor() reader: Principal): Promise<FoundCardViewDto[]> {
    return this.foundCards.list(query.status, reader);
  }

  @Post('sweep')
  @Allow('ops')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run the uncollected-card sweep now (it also runs on a timer): cards kept past FOUND_CARD_KEEP_DAYS are to be destroyed' })
  @ApiOkResponse({ type: SweepDto })
  async sweep(): Promise<SweepDto> {
    return { uncollected: await this.sweeper.sweep() };
  }

  @Get(':foundCardId')
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'Where a found card stands: routed, to be destroyed, awaiting collection, destroyed or collected' })
  @ApiOkResponse({ type: FoundCardViewDto })
  @ApiNotFoundResponse({ description: 'No found card with this id at this office' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: a clerk of another office' })
  view(@Param('foundCardId') foundCardId: string, @Actor() reader: Principal): Promise<FoundCardViewDto> {
    return this.foundCards.view(foundCardId, reader);
  }

  @Post(':foundCardId/destruction')
  @Allow('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the card was destroyed (only a card to be destroyed)' })
  @ApiOkResponse({ type: FoundCardViewDto })
  @ApiConflictResponse({ description: 'FOUND_CARD_WRONG_STATUS: not to be destroyed; currentStatus names the status' })
  destroy(@Param('foundCardId') foundCardId: string, @Actor() clerk: Principal): Promise<FoundCardViewDto> {
    return this.foundCards.destroy(foundCardId, clerk);
  }

  @Post(':foundCardId/collection')
  @Allow('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hand the card back to its holder (only while it awaits collection)' })
  @ApiOkResponse({ type: FoundCardViewDto })
  @ApiForbiddenResponse({ description: 'NOT_THE_HOLDER: the ID number is not the one on the card' })
  @ApiConflictResponse({ description: 'FOUND_CARD_WRONG_STATUS: not awaiting collection; currentStatus names the status' })
  collect(@Param('foundCardId') foundCardId: string, @Body() body: CollectFoundCardDto, @Actor() clerk: Principal): Promise<FoundCardViewDto> {
    return this.foundCards.collect(foundCardId, body.idNumber, clerk);
  }
}
