import { DynamicModule, Module } from '@nestjs/common';
import { ReviewApplicationConsumer } from './review-application.consumer';
import { ReviewApplicationService } from './review-application.service';

/** Reviewing each application that reaches the registry: sign off, reject, or hold for an officer. */
@Module({})
export class ReviewApplicationModule {
  static register(infrastructure: DynamicModule, register: DynamicModule, applications: DynamicModule, losses: DynamicModule): DynamicModule {
    return {
      module: ReviewApplicationModule,
      imports: [infrastructure, register, applications, losses],
      controllers: [ReviewApplicationConsumer],
      providers: [ReviewApplicationService],
    };
  }
}
