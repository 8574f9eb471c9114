import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ApplicationFormPipe } from './application-form.pipe';
import { SubmitApplicationController } from './submit-application.controller';
import { SubmitApplicationService } from './submit-application.service';

/** 受理: the counter's application form, checked, accepted and sent to the home registry. */
@Module({})
export class SubmitApplicationModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: SubmitApplicationModule,
      imports: [infrastructure, settings, ApplicationsModule],
      controllers: [SubmitApplicationController],
      providers: [SubmitApplicationService, ApplicationFormPipe],
    };
  }
}
