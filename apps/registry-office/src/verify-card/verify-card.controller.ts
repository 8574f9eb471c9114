import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow } from '@idcard/service-runtime';
import { VerificationAnswerDto, VerificationRequestDto } from './dto/verification.dto';
import { VerificationRateLimit } from './verification-rate-limit.guard';
import { VerifyCardService } from './verify-card.service';

@ApiTags('verification')
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no bearer token, or one that does not verify' })
@ApiForbiddenResponse({ description: 'NOT_ALLOWED: only verifier clients (banks, hotels, telecoms) may verify cards' })
@Controller('verifications')
export class VerifyCardController {
  constructor(private readonly verifications: VerifyCardService) {}

  @Post()
  @Allow('verifier')
  @UseGuards(VerificationRateLimit)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Is this card valid? valid, or invalid with lost/replaced/expired/unknown/mismatch — nothing about the holder (verifier; rate-limited; every check recorded)',
  })
  @ApiOkResponse({ type: VerificationAnswerDto })
  @ApiBadRequestResponse({ description: 'cardSerial, idNumber or name invalid, each field named' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS: over VERIFICATION_RATE_LIMIT_PER_MINUTE for this client' })
  verify(@Actor() client: Principal, @Body() body: VerificationRequestDto): Promise<VerificationAnswerDto> {
    return this.verifications.verify(client, body);
  }
}
