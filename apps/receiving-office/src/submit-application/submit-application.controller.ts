import { Controller, Headers, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow } from '@idcard/service-runtime';
import { formDigest, IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from '../domain/idempotency-key';
import { ApplicationForm, ApplicationFormPipe } from './application-form.pipe';
import { SubmissionReceiptDto, SubmitApplicationDto } from './dto/submit-application.dto';
import { SubmitApplicationService } from './submit-application.service';

/** The part of Express's response this controller sets (express types are not a dependency here). */
interface StatusResponse {
  status(code: number): unknown;
}

@ApiTags('applications')
@Controller('applications')
export class SubmitApplicationController {
  constructor(private readonly submitApplication: SubmitApplicationService) {}

  @Post()
  @Allow('clerk')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Accept an application at the counter (受理) and issue the receipt' })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'The counter device’s request id (1–255 visible ASCII characters, a UUID say), per receiving office. The same id with the same form ' +
      'answers the first receipt again (200, same body), however often and however concurrently it arrives; with another form, 422.',
  })
  @ApiBody({ type: SubmitApplicationDto })
  @ApiCreatedResponse({ type: SubmissionReceiptDto, description: 'Accepted now: the receipt' })
  @ApiOkResponse({ type: SubmissionReceiptDto, description: 'Accepted before under the same Idempotency-Key and form: the first receipt, unchanged' })
  @ApiBadRequestResponse({ description: '{ message, errors: [{ field, reason }] } naming every bad field (and a malformed Idempotency-Key)' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: a clerk of another office (needed.office names the office of the form)' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used at this office for another form' })
  async submit(
    @ApplicationForm(ApplicationFormPipe) form: SubmitApplicationDto,
    @ApplicationForm() sent: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Actor() actor: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<SubmissionReceiptDto> {
    const key = idempotencyKeyOf(idempotencyKey);
    const answer = await this.submitApplication.submitOnce(form, actor, key === null ? null : { key, formSha256: formDigest(sent) });
    if (answer.repeated) response.status(HttpStatus.OK);
    return answer.receipt;
  }
}
