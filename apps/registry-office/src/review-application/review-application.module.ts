import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ReviewApplicationConsumer } from './review-application.consumer';
import { ReviewApplicationService } from './review-application.service';

/** Reviewing each application that reaches the registry: sign off, reject, or hold for an officer. */
@Module({ imports: [ApplicationsModule], controllers: [ReviewApplicationConsumer], providers: [ReviewApplicationService] })
export class ReviewApplicationModule {}
