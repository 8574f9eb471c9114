import { Module } from '@nestjs/common';
import { ApplicationFormPipe } from './application-form.pipe';
import { SubmitApplicationController } from './submit-application.controller';
import { SubmitApplicationService } from './submit-application.service';

@Module({ controllers: [SubmitApplicationController], providers: [SubmitApplicationService, ApplicationFormPipe] })
export class SubmitApplicationModule {}
