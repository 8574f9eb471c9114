import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuditedRead, Public } from '@idcard/service-runtime';
import {
  CitizenLossReportAnswer,
  CitizenLossReportDto,
  CitizenSessionAnswer,
  CitizenSignInDto,
  CitizenVerificationView,
  OneTimeCodeAnswer,
  OneTimeCodeRequestDto,
} from './dto/citizen-channel.dto';
import { CitizenChannelService, ONE_TIME_CODE_SENT } from './citizen-channel.service';
import { CitizenCodeRateLimit } from './citizen-code-rate-limit.guard';
import { Citizen, CitizenSessionGuard } from './citizen-session.guard';
import type { CitizenSession } from './citizen-tokens';

/**
 * The citizen's own channel. Its routes are @Public() for the service-wide guard (which knows the identity provider's
 * tokens only): signing in is guarded by per-address limits, the /me routes by the citizen session guard.
 */
@ApiTags('citizen channel')
@Controller('citizens')
export class CitizenChannelController {
  constructor(private readonly channel: CitizenChannelService) {}

  @Post('one-time-codes')
  @Public()
  @UseGuards(CitizenCodeRateLimit)
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a one-time code by SMS to the phone number the register holds (the same answer for any ID number; rate-limited)' })
  @ApiAcceptedResponse({ type: OneTimeCodeAnswer })
  @ApiBadRequestResponse({ description: 'idNumber is not a valid GB 11643 number' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS: over CITIZEN_CODE_RATE_LIMIT_PER_MINUTE from this address' })
  async sendCode(@Body() body: OneTimeCodeRequestDto): Promise<OneTimeCodeAnswer> {
    await this.channel.sendCode(body.idNumber);
    return { message: ONE_TIME_CODE_SENT };
  }

  @Post('sessions')
  @Public()
  @UseGuards(CitizenCodeRateLimit)
  @ApiOperation({ summary: 'Sign in with the ID number and the code: a session token for /citizens/me (15 minutes)' })
  @ApiCreatedResponse({ type: CitizenSessionAnswer })
  @ApiBadRequestResponse({ description: 'idNumber or code malformed, each field named' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: the code is wrong, used or expired (five wrong tries end a code)' })
  signIn(@Body() body: CitizenSignInDto): Promise<CitizenSessionAnswer> {
    return this.channel.signIn(body.idNumber, body.code);
  }

  @Post('me/loss-reports')
  @Public()
  @UseGuards(CitizenSessionGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Report my current card lost: invalid at once, in every province (citizen session; audited)' })
  @ApiCreatedResponse({ type: CitizenLossReportAnswer })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no citizen session token of this registry' })
  @ApiConflictResponse({ description: 'LOSS_REPORT_REFUSED: not-current-card or already-lost, in `refusal`' })
  reportLoss(@Citizen() citizen: CitizenSession, @Body() body: CitizenLossReportDto): Promise<CitizenLossReportAnswer> {
    return this.channel.reportLoss(citizen, body.cardSerial);
  }

  @Get('me/verifications')
  @Public()
  @UseGuards(CitizenSessionGuard)
  @AuditedRead()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who checked my cards, where (in every province), when, with the answer (citizen session; audited)' })
  @ApiOkResponse({ type: [CitizenVerificationView] })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no citizen session token of this registry' })
  verifications(@Citizen() citizen: CitizenSession): Promise<CitizenVerificationView[]> {
    return this.channel.verificationsOf(citizen);
  }
}
