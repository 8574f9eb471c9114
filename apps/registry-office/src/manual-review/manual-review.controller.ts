import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationView, ReceiptParams } from '../applications/dto/application-view.dto';
import { ApproveDto, RejectDto, ReviewQueueQuery } from './dto/review-decision.dto';
import { ReviewItem } from './dto/review-item.dto';
import { ManualReviewService } from './manual-review.service';

@ApiTags('manual review')
@Controller('reviews')
export class ManualReviewController {
  constructor(private readonly reviews: ManualReviewService) {}

  @Get()
  @ApiOperation({ summary: 'Applications waiting for an officer, with why they are doubtful: breached first, then warned, then oldest first' })
  @ApiOkResponse({ type: [ReviewItem] })
  pending(@Query() query: ReviewQueueQuery): Promise<ReviewItem[]> {
    return this.reviews.pending(query.limit ?? 100);
  }

  @Post(':receiptNumber/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the application off (an ethnicity change is written to the register)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'reviewer missing, or a malformed receipt number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  @ApiConflictResponse({ description: 'WRONG_STATE: the application is not awaiting review; the answer names its state' })
  approve(@Param() { receiptNumber }: ReceiptParams, @Body() body: ApproveDto): Promise<ApplicationView> {
    return this.reviews.approve(receiptNumber, body.reviewer);
  }

  @Post(':receiptNumber/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the application: REVIEWER_REJECTED with the reason (or ETHNICITY_MISMATCH for a refused change of ethnicity)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'reviewer or reason missing, reasonCode not applicable (NO_ETHNICITY_CHANGE_DECLARED), or a malformed receipt number' })
  @ApiNotFoundResponse({ description: 'UNKNOWN_RECEIPT: the registry never received this receipt' })
  @ApiConflictResponse({ description: 'WRONG_STATE: the application is not awaiting review; the answer names its state' })
  reject(@Param() { receiptNumber }: ReceiptParams, @Body() body: RejectDto): Promise<ApplicationView> {
    return this.reviews.reject(receiptNumber, body.reviewer, body.reason, body.reasonCode);
  }
}
