import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
import { ApplicationView, ReceiptParams } from '../applications/dto/application-view.dto';
import { ApproveDto, RejectDto, ReviewQueueQuery } from './dto/review-decision.dto';
import { ReviewItem } from './dto/review-item.dto';
import { ManualReviewService } from './manual-review.service';

@ApiTags('manual review')
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no bearer token, or one that does not verify' })
@ApiForbiddenResponse({ description: 'NOT_ALLOWED: not a reviewer of this registry’s province' })
@Controller('reviews')
export class ManualReviewController {
  constructor(private readonly reviews: ManualReviewService) {}

  @Get()
  @Allow('reviewer')
  @AuditedRead()
  @ApiOperation({ summary: 'Applications waiting for an officer, with why they are doubtful: breached first, then warned, then oldest first' })
  @ApiOkResponse({ type: [ReviewItem] })
  pending(@Query() query: ReviewQueueQuery): Promise<ReviewItem[]> {
    return this.reviews.pending(query.limit ?? 100);
  }

  @Get(':receiptNumber/photo')
  @Allow('reviewer')
  @AuditedRead()
  @ApiOperation({ summary: 'The photo taken at the counter and the register’s photo of the citizen’s current card (base64 JPEGs), side by side' })
  @ApiOkResponse({
    schema: {
      properties: {
        receiptNumber: { type: 'string' },
        jpegBase64: { type: 'string', format: 'byte' },
        registerJpegBase64: { type: 'string', format: 'byte', nullable: true, description: 'null when the register holds no photo of the citizen' },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  photo(@Param() { receiptNumber }: ReceiptParams): Promise<{ receiptNumber: string; jpegBase64: string; registerJpegBase64: string | null }> {
    return this.reviews.photo(receiptNumber);
  }

  @Post(':receiptNumber/approve')
  @Allow('reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the application off as the calling reviewer (an ethnicity change is written to the register)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'a malformed receipt number, or a body with fields (the reviewer is the token’s)' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  @ApiConflictResponse({ description: 'WRONG_STATE: the application is not awaiting review; the answer names its state' })
  // The body is only validated: it must name nobody (who approves is the token's).
  approve(@Param() { receiptNumber }: ReceiptParams, @Body() _body: ApproveDto, @Actor() actor: Principal): Promise<ApplicationView> {
    return this.reviews.approve(receiptNumber, actor);
  }

  @Post(':receiptNumber/reject')
  @Allow('reviewer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject the application as the calling reviewer: REVIEWER_REJECTED with the reason (or ETHNICITY_MISMATCH for a refused change of ethnicity)',
  })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'reason missing, reasonCode not applicable (NO_ETHNICITY_CHANGE_DECLARED), or a malformed receipt number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  @ApiConflictResponse({ description: 'WRONG_STATE: the application is not awaiting review; the answer names its state' })
  reject(@Param() { receiptNumber }: ReceiptParams, @Body() body: RejectDto, @Actor() actor: Principal): Promise<ApplicationView> {
    return this.reviews.reject(receiptNumber, actor, body.reason, body.reasonCode);
  }
}
