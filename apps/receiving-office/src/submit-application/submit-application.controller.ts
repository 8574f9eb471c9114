import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow } from '@idcard/service-runtime';
import { ApplicationForm, ApplicationFormPipe } from './application-form.pipe';
import { SubmissionReceiptDto, SubmitApplicationDto } from './dto/submit-application.dto';
import { SubmitApplicationService } from './submit-application.service';

@ApiTags('applications')
@Controller('applications')
export class SubmitApplicationController {
  constructor(private readonly submitApplication: SubmitApplicationService) {}

  @Post()
  @Allow('clerk')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Accept an application at the counter (受理) and issue the receipt' })
  @ApiBody({ type: SubmitApplicationDto })
  @ApiCreatedResponse({ type: SubmissionReceiptDto })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: a clerk of another office (needed.office names the office of the form)' })
  submit(@ApplicationForm(ApplicationFormPipe) form: SubmitApplicationDto, @Actor() actor: Principal): Promise<SubmissionReceiptDto> {
    return this.submitApplication.submit(form, actor);
  }
}
