import { createParamDecorator, ExecutionContext, Inject, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidFields } from '@idcard/errors';
import type { ServiceIdentity } from '@idcard/messaging';
import { fieldsWithNul, flattenValidationErrors, SERVICE_IDENTITY } from '@idcard/service-runtime';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { receivingOfficeProblem } from '../domain/application-form';
import { SubmitApplicationDto } from './dto/submit-application.dto';

/**
 * The request body, handed to its pipe untouched: the global ValidationPipe skips custom parameter decorators,
 * so the application form is checked once, by ApplicationFormPipe, with every bad field in one 400.
 */
export const ApplicationForm = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<{ body: unknown }>().body);

/**
 * Checks an application form as the global pipe checks any body (NUL characters, shape, unknown fields, the rules
 * across fields in the DTO) and adds the one rule that needs to know where it runs: the receiving office must be of this
 * province. Everything wrong is reported at once.
 */
@Injectable()
export class ApplicationFormPipe implements PipeTransform<unknown, Promise<SubmitApplicationDto>> {
  constructor(@Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity) {}

  async transform(body: unknown): Promise<SubmitApplicationDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidFields([{ field: 'body', reason: 'body: must be a JSON object' }]);
    // As the global pipe does for every other body: a NUL character would reach PostgreSQL (here or at the registry).
    const withNul = fieldsWithNul(body, '');
    if (withNul.length) throw new InvalidFields(withNul);
    const form = plainToInstance(SubmitApplicationDto, body);
    const errors = flattenValidationErrors(
      await validate(form, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false, value: false } }),
    );
    const office = receivingOfficeProblem(form.receivingOfficeCode, this.identity.province);
    if (office && !errors.some((e) => e.field === 'receivingOfficeCode'))
      errors.push({ field: 'receivingOfficeCode', reason: `receivingOfficeCode: ${office}` });
    if (errors.length) throw new InvalidFields(errors);
    return form;
  }
}
