import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidFields } from '@idcard/errors';

export type { FieldError } from '@idcard/errors';

/** Every failing field of a request, nested ones by their dotted path, each with the reason. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** 400 naming every bad field, never just the first. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidFields(flattenValidationErrors(errors)),
  });
}
