import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

const NUL = '\u0000';

/**
 * Every text of a request value (a path parameter, a query, a body: its strings and its keys, at any depth) that holds
 * a NUL character, by dotted path. PostgreSQL's text and jsonb cannot store U+0000: a query given one fails in the
 * database, which would answer 500 (the HTTP fuzz found `GET /shipments/%00`).
 */
export function fieldsWithNul(value: unknown, field: string): FieldError[] {
  if (typeof value === 'string') return value.includes(NUL) ? [{ field, reason: 'must not contain a NUL character (U+0000)' }] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = field ? `${field}.${key}` : key;
    const badKey = key.includes(NUL) ? [{ field: path, reason: 'a key must not contain a NUL character (U+0000)' }] : [];
    return [...badKey, ...fieldsWithNul(inner, path)];
  });
}

/** The global pipe: a text with a NUL character is refused first (fieldsWithNul), then the class-validator rules apply. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // `custom` arguments are the service's own (the caller's principal), not the request's.
    if (metadata.type !== 'custom') {
      const withNul = fieldsWithNul(value, metadata.data ?? '');
      if (withNul.length) throw new InvalidFields(withNul);
    }
    return super.transform(value, metadata);
  }
}

/** 400 naming every bad field, never just the first. */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidFields(flattenValidationErrors(errors)),
  });
}
