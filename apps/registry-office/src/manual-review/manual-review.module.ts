import { DynamicModule, Module } from '@nestjs/common';
import { ManualReviewController } from './manual-review.controller';
import { ManualReviewService } from './manual-review.service';

/** Officers deciding what the automatic review could not. */
@Module({})
export class ManualReviewModule {
  static register(infrastructure: DynamicModule, register: DynamicModule, applications: DynamicModule): DynamicModule {
    return {
      module: ManualReviewModule,
      imports: [infrastructure, register, applications],
      controllers: [ManualReviewController],
      providers: [ManualReviewService],
    };
  }
}
