import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationForm, ApplicationFormPipe } from './application-form.pipe';
import { SubmissionReceiptDto, SubmitApplicationDto } from './dto/submit-application.dto';
import { SubmitApplicationService } from './submit-application.service';

@ApiTags('applications')
@Controller('applications')
export class SubmitApplicationController {
  constructor(private readonly submitApplication: SubmitApplicationService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Accept an application at the counter (受理) and issue the receipt' })
  @ApiBody({ type: SubmitApplicationDto })
  @ApiCreatedResponse({ type: SubmissionReceiptDto })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field' })
  submit(@ApplicationForm(ApplicationFormPipe) form: SubmitApplicationDto): Promise<SubmissionReceiptDto> {
    return this.submitApplication.submit(form);
  }
}
