import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ManualReviewController } from './manual-review.controller';
import { ManualReviewService } from './manual-review.service';

/** Officers deciding what the automatic review could not. */
@Module({ imports: [ApplicationsModule], controllers: [ManualReviewController], providers: [ManualReviewService] })
export class ManualReviewModule {}
