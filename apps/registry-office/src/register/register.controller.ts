import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { CitizenCardsAnswer, CitizenCardsParams } from './dto/citizen-cards.dto';
import { SeedRegisterAnswer, SeedRegisterDto } from './dto/seed-register.dto';
import { RegisterService } from './register.service';

@ApiTags('population register')
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no bearer token, or one that does not verify' })
@ApiForbiddenResponse({ description: 'NOT_ALLOWED: the role (of this province) the route needs, named in `needed`' })
@Controller('register')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Post('seed')
  @Allow('register-admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Development: fill the register with synthetic citizens, adults with a current card (idempotent; register-admin)' })
  @ApiOkResponse({ type: SeedRegisterAnswer })
  @ApiBadRequestResponse({ description: 'count or seed invalid, each field named' })
  seed(@Body() body: SeedRegisterDto): Promise<SeedRegisterAnswer> {
    return this.register.seed(body.count, body.seed ?? 1);
  }

  @Get('citizens/:idNumber/cards')
  @Allow('register-admin', 'reviewer')
  @AuditedRead()
  @ApiOperation({ summary: "A citizen's cards, valid and invalidated (register-admin, reviewer; audited)" })
  @ApiOkResponse({ type: CitizenCardsAnswer })
  @ApiBadRequestResponse({ description: 'idNumber is not a valid GB 11643 number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_CITIZEN: the citizen is not in this register' })
  cards(@Param() params: CitizenCardsParams): Promise<CitizenCardsAnswer> {
    return this.register.cardsOf(params.idNumber.trim().toUpperCase());
  }
}
